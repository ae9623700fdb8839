package diffusionsat.sampling;

import ai.djl.ndarray.NDList;
import diffusionsat.model.unet.AdditionalResiduals;
import diffusionsat.model.unet.UNetInputs;

/**
 * Residuals for each UNet call of a denoising loop: a ControlNet fed the UNet's own inputs plus
 * its condition (pipeline_controlnet.py:1040-1075; DIFFUSIONSAT.md §3, §4.2). {@link
 * LatentDiffusion} calls it once per step, before the UNet.
 */
public interface UNetControl {

    /**
     * The arrays the control reads besides the UNet's inputs (conditioning images and metadata,
     * laid out like the step's batch); each step borrows them so that what they produce is freed
     * with the step.
     */
    NDList arrays();

    /**
     * @param in the UNet's inputs of this step: (N, C, h, w) latents, the timestep, (N, M, D)
     *     text and (N, 7) metadata, the unconditional half first under guidance
     * @return the residuals the UNet adds to its skips and mid block
     */
    AdditionalResiduals residuals(UNetInputs in);
}
