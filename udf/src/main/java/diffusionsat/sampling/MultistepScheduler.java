package diffusionsat.sampling;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * What DPM-Solver++ and UniPC share (diffusers 0.17; MANIFEST.md facts 16-17): the float32 tables
 * α_t = √ᾱ_t, σ_t = √(1 − ᾱ_t), λ_t = log α_t − log σ_t, the timesteps
 * {@code linspace(0, last, n + 1).round()[::-1][:-1]} (numpy's half-to-even rounding, duplicates
 * dropped; no steps_offset) and the data prediction x̂₀ from the network's output.
 */
abstract class MultistepScheduler implements NoiseScheduler {
    private final MultistepConfig config;
    private final float[] alpha;
    private final float[] sigma;
    private final float[] lambda;

    MultistepScheduler(MultistepConfig config) {
        this.config = config;
        float[] alphasCumprod = new TrainingSchedule(config.numTrainTimesteps(),
                config.betaStart(), config.betaEnd(), config.betaSchedule()).alphasCumprod();
        int n = alphasCumprod.length;
        alpha = new float[n];
        sigma = new float[n];
        lambda = new float[n];
        for (int t = 0; t < n; t++) {
            alpha[t] = (float) Math.sqrt(alphasCumprod[t]);
            sigma[t] = (float) Math.sqrt(1f - alphasCumprod[t]);
            lambda[t] = (float) Math.log(alpha[t]) - (float) Math.log(sigma[t]);
        }
    }

    /** The configuration. */
    public MultistepConfig config() {
        return config;
    }

    @Override
    public int trainSteps() {
        return config.numTrainTimesteps();
    }

    /** α_t for t = 0 .. n−1 (a copy). */
    public float[] alphaTable() {
        return alpha.clone();
    }

    /** σ_t for t = 0 .. n−1 (a copy). */
    public float[] sigmaTable() {
        return sigma.clone();
    }

    /** λ_t for t = 0 .. n−1 (a copy). */
    public float[] lambdaTable() {
        return lambda.clone();
    }

    float alpha(int t) {
        return alpha[t];
    }

    float sigma(int t) {
        return sigma[t];
    }

    float lambda(int t) {
        return lambda[t];
    }

    /**
     * The timesteps of {@code steps} inference steps ({@code set_timesteps}): evenly spaced from
     * the last timestep whose λ is not below {@code lambda_min_clipped} down to 0, highest first.
     */
    int[] timesteps(int steps) {
        NoiseScheduler.requireSteps(steps, trainSteps());
        int clipped = 0; // searchsorted(flip(λ), lambda_min_clipped): λ falls with t
        while (clipped < lambda.length && lambda[lambda.length - 1 - clipped]
                < config.lambdaMinClipped()) {
            clipped++;
        }
        double last = trainSteps() - clipped - 1;
        double spacing = last / steps; // numpy linspace(0, last, steps + 1): i · (last / steps)
        int[] values = new int[steps];
        int count = 0;
        for (int i = steps; i >= 1; i--) {
            int t = (int) Math.rint(i == steps ? last : i * spacing);
            if (count == 0 || values[count - 1] != t) { // np.unique keeps first occurrences
                values[count++] = t;
            }
        }
        return java.util.Arrays.copyOf(values, count);
    }

    /**
     * One run of a multistep solver: its timesteps, the manager its kept arrays live in, and
     * the rule that steps come in order, once each (the solver remembers the earlier ones).
     */
    abstract static class Run implements SamplingSchedule {
        final int[] timesteps;
        final NDManager state;
        private int nextIndex;

        Run(int[] timesteps, NDManager state) {
            this.timesteps = timesteps;
            this.state = state;
        }

        @Override
        public int[] timesteps() {
            return timesteps.clone();
        }

        @Override
        public final SchedulerStep advance(int index, NDArray modelOutput, NDArray sample) {
            if (index != nextIndex) {
                throw new IllegalStateException("step " + index + " after step "
                        + (nextIndex - 1) + ": multistep updates run in order");
            }
            nextIndex++;
            return update(index, modelOutput, sample);
        }

        /** The update of step {@code index}, called once per step, in order. */
        abstract SchedulerStep update(int index, NDArray modelOutput, NDArray sample);
    }

    /**
     * x̂₀ from the network's output at timestep {@code t} ({@code convert_model_output} for the
     * data-prediction solvers): v → α_t·x − σ_t·v; ε → (x − σ_t·ε) / α_t; x̂₀ as is.
     */
    NDArray dataPrediction(NDArray modelOutput, int t, NDArray sample) {
        return switch (config.predictionType()) {
            case V_PREDICTION -> sample.mul(alpha[t]).sub(modelOutput.mul(sigma[t]));
            case EPSILON -> sample.sub(modelOutput.mul(sigma[t])).div(alpha[t]);
            case SAMPLE -> modelOutput.duplicate();
        };
    }
}
