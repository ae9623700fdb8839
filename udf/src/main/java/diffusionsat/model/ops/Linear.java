package diffusionsat.model.ops;

import ai.djl.ndarray.NDArray;
import diffusionsat.model.DiffusersBlock;
import diffusionsat.model.Parameter;

/** PyTorch {@code nn.Linear}: {@code weight} [out, in] (no transpose on load), {@code bias} [out]. */
public final class Linear extends DiffusersBlock {
    private final Parameter weight;
    private final Parameter bias;

    /** A linear layer with a bias. */
    public Linear(int inFeatures, int outFeatures) {
        this(inFeatures, outFeatures, true);
    }

    /** A linear layer, with or without a bias. */
    public Linear(int inFeatures, int outFeatures, boolean withBias) {
        weight = parameter("weight", outFeatures, inFeatures);
        bias = withBias ? parameter("bias", outFeatures) : null;
    }

    /** (..., in) -> (..., out). */
    public NDArray forward(NDArray x) {
        return bias == null
                ? ai.djl.nn.core.Linear.linear(x, weight.array()).singletonOrThrow()
                : ai.djl.nn.core.Linear.linear(x, weight.array(), bias.array()).singletonOrThrow();
    }
}
