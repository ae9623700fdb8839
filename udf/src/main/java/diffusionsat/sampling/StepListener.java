package diffusionsat.sampling;

import ai.djl.ndarray.NDArray;

/** Sees the latents after each denoising step (diffusers' pipeline {@code callback}). */
@FunctionalInterface
public interface StepListener {
    /** A listener that does nothing. */
    StepListener NONE = (index, timestep, latents) -> { };

    /**
     * @param index the step, from 0
     * @param timestep the timestep just denoised
     * @param latents (B, C, h, w) x_{t−Δ}; freed after the call, so copy what you keep
     */
    void afterStep(int index, int timestep, NDArray latents);
}
