package diffusionsat.sampling;

import ai.djl.ndarray.NDArray;

/**
 * One scheduler update.
 *
 * @param prevSample the next (less noisy) latents
 * @param predOriginalSample x̂₀, the model's estimate of the clean latents at this step
 * @param correctedSample the latents the update started from: the input sample, or for UniPC its
 *     correction by UniC (diffusers' {@code last_sample} after the step)
 */
public record SchedulerStep(NDArray prevSample, NDArray predOriginalSample,
        NDArray correctedSample) {}
