package diffusionsat.model.unet;

import ai.djl.ndarray.NDArray;
import java.util.Objects;

/**
 * One UNet call's inputs (sat_unet.py, SatUNet.forward).
 *
 * @param sample (B, in_channels, h, w) noisy latents
 * @param timesteps (B) or a single timestep (shape () or (1)) broadcast to the batch; any numeric
 *     type
 * @param encoderHiddenStates (B, M, cross_attention_dim) text tokens
 * @param metadata (B, num_metadata) normalised metadata, or {@code null} for a model without
 *     metadata MLPs
 */
public record UNetInputs(NDArray sample, NDArray timesteps, NDArray encoderHiddenStates,
        NDArray metadata) {
    /** Requires the arrays every model needs. */
    public UNetInputs {
        Objects.requireNonNull(sample, "sample");
        Objects.requireNonNull(timesteps, "timesteps");
        Objects.requireNonNull(encoderHiddenStates, "encoderHiddenStates");
    }
}
