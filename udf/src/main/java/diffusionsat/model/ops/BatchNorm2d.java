package diffusionsat.model.ops;

import ai.djl.ndarray.NDArray;
import diffusionsat.model.DiffusersBlock;
import diffusionsat.model.Parameter;

/**
 * PyTorch {@code nn.BatchNorm2d} in inference mode: normalises with the stored running statistics.
 * Tensors {@code weight}, {@code bias}, {@code running_mean}, {@code running_var} [C]; the
 * training-only counter {@code num_batches_tracked} is not declared.
 */
public final class BatchNorm2d extends DiffusersBlock {
    private final Parameter weight;
    private final Parameter bias;
    private final Parameter runningMean;
    private final Parameter runningVar;
    private final float eps;

    /** BatchNorm over {@code channels} with {@code eps} added to the running variance. */
    public BatchNorm2d(int channels, float eps) {
        weight = parameter("weight", channels);
        bias = parameter("bias", channels);
        runningMean = parameter("running_mean", channels);
        runningVar = parameter("running_var", channels);
        this.eps = eps;
    }

    /** (B, C, H, W) -> (B, C, H, W): (x − running_mean) / sqrt(running_var + eps) · γ + β. */
    public NDArray forward(NDArray x) {
        // axis 1 = channels; momentum only matters in training, which is off.
        return ai.djl.nn.norm.BatchNorm.batchNorm(x, runningMean.array(), runningVar.array(),
                        weight.array(), bias.array(), 1, 0.1f, eps, false)
                .singletonOrThrow();
    }
}
