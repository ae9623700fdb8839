package diffusionsat.model.controlnet;

import ai.djl.ndarray.NDArray;
import diffusionsat.model.unet.UNetInputs;
import java.util.Objects;

/**
 * One ControlNet call's inputs (controlnet.py / controlnet_3d.py {@code forward}): the UNet's own
 * inputs, which the ControlNet sees unchanged, plus the condition.
 *
 * @param unet noisy latents (B, 4, h, w), timesteps, text tokens and the target's normalised
 *     metadata (B, M)
 * @param controlnetCond the conditioning image: (B, Cin, H, W) for the 2D model, (B, Cin, T, H, W)
 *     frames for the 3D model; values in [0, 1]
 * @param condMetadata normalised metadata of the condition, (B, M) or per frame (B, M, T); or
 *     {@code null} to leave it out (upstream's {@code cond_metadata=None})
 */
public record ControlNetInputs(UNetInputs unet, NDArray controlnetCond, NDArray condMetadata) {
    /** Requires the UNet inputs and the condition. */
    public ControlNetInputs {
        Objects.requireNonNull(unet, "unet");
        Objects.requireNonNull(controlnetCond, "controlnetCond");
    }
}
