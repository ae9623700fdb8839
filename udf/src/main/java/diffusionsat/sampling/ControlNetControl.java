package diffusionsat.sampling;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import diffusionsat.model.controlnet.ControlNet;
import diffusionsat.model.controlnet.ControlNetInputs;
import diffusionsat.model.controlnet.ResidualScaling;
import diffusionsat.model.unet.AdditionalResiduals;
import diffusionsat.model.unet.UNetInputs;

/**
 * A ControlNet as the UNet's control in a denoising loop: each step the ControlNet sees the UNet's
 * inputs plus the conditioning image and metadata (pipeline_controlnet.py:1040-1075).
 *
 * @param controlnet the 2D or 3D model
 * @param image (N, C, H, W) or (N, C, T, H, W) conditioning images in [0, 1], laid out like the
 *     step's batch (duplicated into both halves under guidance)
 * @param metadata (N, 7) or (N, 7, T) normalised conditioning metadata (zeros in the
 *     unconditional half), or null for a ControlNet without metadata MLPs
 * @param scaling the forward conditioning scale
 */
record ControlNetControl(ControlNet controlnet, NDArray image, NDArray metadata,
        ResidualScaling scaling) implements UNetControl {

    @Override
    public NDList arrays() {
        return metadata == null ? new NDList(image) : new NDList(image, metadata);
    }

    @Override
    public AdditionalResiduals residuals(UNetInputs in) {
        return controlnet.forward(new ControlNetInputs(in, image, metadata), scaling);
    }
}
