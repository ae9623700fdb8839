package diffusionsat.model.ops;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import diffusionsat.model.DiffusersBlock;
import diffusionsat.model.Parameter;

/** PyTorch {@code nn.LayerNorm} over the last axis, with {@code weight} and {@code bias} [dim]. */
public final class LayerNorm extends DiffusersBlock {
    private final Shape normalizedShape;
    private final float eps;
    private final Parameter weight;
    private final Parameter bias;

    /** LayerNorm with PyTorch's default eps 1e-5. */
    public LayerNorm(int dim) {
        this(dim, 1e-5f);
    }

    /** LayerNorm over a last axis of size {@code dim}. */
    public LayerNorm(int dim, float eps) {
        normalizedShape = new Shape(dim);
        this.eps = eps;
        weight = parameter("weight", dim);
        bias = parameter("bias", dim);
    }

    /** (..., dim) -> (..., dim). */
    public NDArray forward(NDArray x) {
        return ai.djl.nn.norm.LayerNorm.layerNorm(
                        x, normalizedShape, weight.array(), bias.array(), eps)
                .singletonOrThrow();
    }
}
