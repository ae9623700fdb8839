package diffusionsat.sampling;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

/**
 * The sampling loop with classifier-free guidance (pipeline.py:588-640; DIFFUSIONSAT.md §4.2),
 * independent of the network: each step runs a {@link NoisePredictor} once on the batch [x_t;
 * x_t] (unconditional half first), guides its output as u + w·(c − u) and takes a scheduler step
 * (DDIM eta 0, DPM-Solver++ or UniPC). With w = 1 there is no guidance and the predictor sees x_t
 * alone, as upstream ({@code guidance_scale > 1}). ControlNet pipelines plug their residuals into
 * the predictor and reuse this loop.
 *
 * <p>None of the three schedulers scales the model input, and their initial noise sigma is 1, so
 * x_T is the noise itself. Latents stay float32 whatever the network's element type.
 */
public final class GuidedDenoiser {
    private final NoiseScheduler scheduler;
    private final int steps;
    private final double guidanceScale;

    /** A loop of {@code steps} steps of {@code scheduler} with guidance scale w ≥ 1. */
    public GuidedDenoiser(NoiseScheduler scheduler, int steps, double guidanceScale) {
        if (!(guidanceScale >= 1) || Double.isInfinite(guidanceScale)) {
            throw new IllegalArgumentException("guidance scale " + guidanceScale + " must be >= 1");
        }
        NoiseScheduler.requireSteps(steps, scheduler.trainSteps());
        this.scheduler = scheduler;
        this.steps = steps;
        this.guidanceScale = guidanceScale;
    }

    /** Whether the predictor gets the doubled batch [unconditional; conditional]. */
    public boolean guided() {
        return guidanceScale > 1;
    }

    /**
     * Denoises x_T to x_0.
     *
     * @param initialLatents (B, C, h, w) x_T; its manager receives the result
     * @param condition the arrays {@code predictor} reads (text, metadata, ...): borrowed by each
     *     step so that the intermediates they produce are freed with the step
     * @return (B, C, h, w) float32 x_0 in the manager of {@code initialLatents}
     */
    public NDArray denoise(NDArray initialLatents, NDList condition, NoisePredictor predictor,
            StepListener listener) {
        NDManager batch = initialLatents.getManager();
        NDArray latents = initialLatents.toType(DataType.FLOAT32, true);
        try (NDManager state = batch.newSubManager()) { // what a multistep solver keeps
            SamplingSchedule schedule = scheduler.withSteps(steps, state);
            int[] timesteps = schedule.timesteps();
            for (int i = 0; i < timesteps.length; i++) {
                int t = timesteps[i];
                NDArray next;
                try (NDManager step = batch.newSubManager()) {
                    latents.tempAttach(step);
                    condition.tempAttach(step);
                    NDArray input = guided() ? NDArrays.concat(new NDList(latents, latents))
                            : latents;
                    NDArray prediction = predictor.predict(input, step.create((long) t))
                            .toType(DataType.FLOAT32, false);
                    next = schedule.advance(i, guide(prediction), latents).prevSample();
                    listener.afterStep(i, t, next);
                    next.attach(batch); // the step's one survivor
                }
                latents.close(); // x_t is spent; borrowed condition arrays went to their owner
                latents = next;
            }
        }
        return latents;
    }

    /** (2B, ...) [u; c] -> (B, ...) u + w·(c − u); unchanged without guidance. */
    NDArray guide(NDArray prediction) {
        if (!guided()) {
            return prediction;
        }
        NDList halves = prediction.split(2, 0);
        NDArray unconditional = halves.get(0);
        NDArray conditional = halves.get(1);
        return unconditional.add(conditional.sub(unconditional).mul((float) guidanceScale));
    }
}
