package diffusionsat.model.ops;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import diffusionsat.model.DiffusersBlock;

/**
 * diffusers {@code FeedForward} with the GEGLU activation (attention.py): {@code net.0.proj} maps
 * dim → 2·inner, the halves are (value, gate), value·GELU_erf(gate) goes through {@code net.2}
 * (inner → dim). {@code net.1} is Dropout. inner = 4·dim.
 */
public final class FeedForward extends DiffusersBlock {
    private final Linear gegluProj;
    private final Linear out;

    /** A GEGLU feed-forward of width {@code dim} with inner width 4·dim. */
    public FeedForward(int dim) {
        int inner = 4 * dim;
        gegluProj = child("net.0.proj", new Linear(dim, 2 * inner));
        out = child("net.2", new Linear(inner, dim));
    }

    /** (..., dim) -> (..., dim). */
    public NDArray forward(NDArray x) {
        return Scope.run(() -> {
            NDArray projected = gegluProj.forward(x); // (..., 2·inner)
            NDList halves = projected.split(2, projected.getShape().dimension() - 1); // value, gate
            return out.forward(halves.get(0).mul(Activation.gelu(halves.get(1))));
        });
    }
}
