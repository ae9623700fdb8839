package diffusionsat.sampling;

import ai.djl.ndarray.NDArray;

/**
 * The network call of one denoising step: a SatUNet, or a SatUNet fed ControlNet residuals. It
 * closes over its conditioning (text, metadata, control images), laid out for the batch it gets.
 */
@FunctionalInterface
public interface NoisePredictor {
    /**
     * @param latentModelInput (N, C, h, w) latents; N = 2B under classifier-free guidance, the
     *     unconditional half first
     * @param timestep () int64, the current timestep
     * @return (N, C, h, w) the prediction (v for SD 2.1), in the manager of {@code
     *     latentModelInput}
     */
    NDArray predict(NDArray latentModelInput, NDArray timestep);
}
