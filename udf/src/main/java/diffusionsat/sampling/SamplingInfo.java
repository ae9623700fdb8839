package diffusionsat.sampling;

import java.io.Serializable;

/**
 * What made an output, as its result row and sidecar record it.
 *
 * @param model the model's name (a checkpoint, or a baseline such as bicubic)
 * @param scheduler the scheduler's name ({@link SchedulerKind#label()}); null without sampling
 * @param steps inference steps (0 without sampling)
 * @param guidance the classifier-free guidance scale (1 without sampling)
 * @param batchInvariant whether the networks ran item by item inside a batch; null without
 *     sampling, or where no device was chosen yet (rows written before any sampling)
 */
public record SamplingInfo(String model, String scheduler, int steps, double guidance,
        Boolean batchInvariant) implements Serializable {

    /** A model that does not sample (a baseline). */
    public static SamplingInfo baseline(String model) {
        return new SamplingInfo(model, null, 0, 1.0, null);
    }

    /** {@code model} sampled with {@code sampler}. */
    public static SamplingInfo of(String model, SamplerConfig sampler, Boolean batchInvariant) {
        return new SamplingInfo(model, sampler.scheduler().label(), sampler.steps(),
                sampler.guidanceScale(), batchInvariant);
    }
}
