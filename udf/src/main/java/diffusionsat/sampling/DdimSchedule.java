package diffusionsat.sampling;

import ai.djl.ndarray.NDArray;
import diffusionsat.sampling.SchedulerConfig.PredictionType;

/**
 * A DDIM schedule with its step count fixed (diffusers {@code set_timesteps} + {@code step},
 * eta = 0; DIFFUSIONSAT.md §4.2). Timesteps use "leading" spacing: k·⌊n_train/N⌋ for k = N−1..0,
 * plus {@code steps_offset} (SD 2.1, N = 20: 951, 901, ..., 1).
 */
public final class DdimSchedule implements SamplingSchedule {
    private final DdimScheduler scheduler;
    private final int stepRatio;
    private final int[] timesteps;

    DdimSchedule(DdimScheduler scheduler, int steps) {
        int trainSteps = scheduler.trainSteps();
        // "leading" spacing with steps_offset: at most maxInferenceSteps (SD 2.1: 999)
        scheduler.config().requireSteps(steps);
        this.scheduler = scheduler;
        stepRatio = trainSteps / steps;
        timesteps = new int[steps];
        for (int k = 0; k < steps; k++) {
            timesteps[k] = (steps - 1 - k) * stepRatio + scheduler.config().stepsOffset();
        }
    }

    @Override
    public int[] timesteps() {
        return timesteps.clone();
    }

    @Override
    public SchedulerStep advance(int index, NDArray modelOutput, NDArray sample) {
        DdimStep result = step(modelOutput, timesteps[index], sample);
        return new SchedulerStep(result.prevSample(), result.predOriginalSample(), sample);
    }

    /**
     * One deterministic DDIM update (eta = 0) from timestep {@code t} to t − ⌊n_train/N⌋.
     *
     * @param modelOutput (B, C, h, w) the network's prediction (v for SD 2.1)
     * @param sample (B, C, h, w) the current latents x_t
     * @return x_{t−Δ} and x̂₀, in the manager of {@code sample}
     */
    public DdimStep step(NDArray modelOutput, int t, NDArray sample) {
        // 1. previous timestep; after t = steps_offset it is negative and uses the final ᾱ
        int prevT = t - stepRatio;
        // 2. ᾱ_t, ᾱ_prev and β_t = 1 − ᾱ_t, as float32 scalars like torch's 0-d tensors
        float alphaProdT = scheduler.alphaCumprod(t);
        float alphaProdTPrev = scheduler.alphaCumprod(prevT);
        float sqrtAlphaProdT = (float) Math.sqrt(alphaProdT);
        float sqrtBetaProdT = (float) Math.sqrt(1f - alphaProdT);
        // 3. x̂₀ and ε̂ from the prediction (DDIM eq. 12); for v: x̂₀ = √ᾱ·x_t − √(1−ᾱ)·v and
        //    ε̂ = √ᾱ·v + √(1−ᾱ)·x_t
        NDArray predOriginalSample;
        NDArray predEpsilon;
        PredictionType type = scheduler.config().predictionType();
        switch (type) {
            case V_PREDICTION -> {
                predOriginalSample = sample.mul(sqrtAlphaProdT)
                        .sub(modelOutput.mul(sqrtBetaProdT));
                predEpsilon = modelOutput.mul(sqrtAlphaProdT).add(sample.mul(sqrtBetaProdT));
            }
            case EPSILON -> {
                predOriginalSample = sample.sub(modelOutput.mul(sqrtBetaProdT))
                        .div(sqrtAlphaProdT);
                predEpsilon = modelOutput;
            }
            case SAMPLE -> {
                predOriginalSample = modelOutput;
                predEpsilon = sample.sub(modelOutput.mul(sqrtAlphaProdT)).div(sqrtBetaProdT);
            }
            default -> throw new IllegalStateException("prediction type " + type);
        }
        // 4. optional clipping of x̂₀ (off for SD 2.1)
        if (scheduler.config().clipSample()) {
            double range = scheduler.config().clipSampleRange();
            predOriginalSample = predOriginalSample.clip(-range, range);
        }
        // 5. direction pointing to x_t with σ_t = 0 (eta = 0): √(1 − ᾱ_prev)·ε̂   (DDIM eq. 12)
        NDArray direction = predEpsilon.mul((float) Math.sqrt(1f - alphaProdTPrev));
        // 6. x_prev = √ᾱ_prev·x̂₀ + direction   (no noise term: eta = 0)
        NDArray prevSample = predOriginalSample.mul((float) Math.sqrt(alphaProdTPrev))
                .add(direction);
        return new DdimStep(prevSample, predOriginalSample);
    }
}
