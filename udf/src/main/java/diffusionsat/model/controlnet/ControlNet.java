package diffusionsat.model.controlnet;

import diffusionsat.model.ForwardProbe;
import diffusionsat.model.unet.AdditionalResiduals;

/**
 * A ControlNet as a sampling pipeline uses it: conditioning in, residuals for the frozen SatUNet
 * out (one per skip plus the mid block's, DIFFUSIONSAT.md §2-§3). Implemented by the 2D {@link
 * ControlNetModel} and the 3D {@link ControlNetModel3D}.
 */
public interface ControlNet {

    /**
     * @param in the UNet's inputs plus the condition
     * @param scaling the forward {@code conditioning_scale} (and guess mode)
     * @param probe receives intermediate outputs, named by diffusers module path
     * @return the residuals, shaped like the UNet's skips and mid output, in the model's element
     *     type and the sample's manager
     */
    AdditionalResiduals forward(ControlNetInputs in, ResidualScaling scaling, ForwardProbe probe);

    /** {@link #forward(ControlNetInputs, ResidualScaling, ForwardProbe)} without a probe. */
    default AdditionalResiduals forward(ControlNetInputs in, ResidualScaling scaling) {
        return forward(in, scaling, ForwardProbe.NONE);
    }
}
