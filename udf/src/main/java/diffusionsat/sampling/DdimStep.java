package diffusionsat.sampling;

import ai.djl.ndarray.NDArray;

/**
 * The result of one DDIM update (diffusers {@code DDIMSchedulerOutput}).
 *
 * @param prevSample x_{t−Δ}, the next (less noisy) latents
 * @param predOriginalSample x̂₀, the model's estimate of the clean latents
 */
public record DdimStep(NDArray prevSample, NDArray predOriginalSample) {}
