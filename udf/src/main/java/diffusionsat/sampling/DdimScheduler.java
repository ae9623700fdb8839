package diffusionsat.sampling;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * The noise schedule of diffusers' {@code DDIMScheduler} (scheduling_ddim.py, vendored 0.17;
 * DIFFUSIONSAT.md §4.2): β, ᾱ (alphas_cumprod), the forward process ({@link #addNoise}) and the
 * v-prediction target ({@link #velocity}). {@link #withSteps} fixes the inference step count and
 * gives the {@link DdimSchedule} that performs the updates.
 *
 * <p>β and ᾱ come from {@link TrainingSchedule}; scalar coefficients are float32, like torch's
 * 0-d tensors.
 */
public final class DdimScheduler implements NoiseScheduler {
    private final SchedulerConfig config;
    private final float[] betas;
    private final float[] alphasCumprod;
    private final float finalAlphaCumprod;

    /** The schedule of {@code config}. */
    public DdimScheduler(SchedulerConfig config) {
        this.config = config;
        TrainingSchedule training = new TrainingSchedule(config.numTrainTimesteps(),
                config.betaStart(), config.betaEnd(), config.betaSchedule());
        betas = training.betas();
        alphasCumprod = training.alphasCumprod();
        // set_alpha_to_one = false (SD 2.1): the step after t = 0 uses ᾱ_0, not 1.
        finalAlphaCumprod = config.setAlphaToOne() ? 1f : alphasCumprod[0];
    }

    /** SD 2.1's scheduler (DIFFUSIONSAT.md §4.2). */
    public static DdimScheduler sd21() {
        return new DdimScheduler(SchedulerConfig.sd21());
    }

    /** The configuration. */
    public SchedulerConfig config() {
        return config;
    }

    /** β_t for t = 0 .. n−1 (a copy). */
    public float[] betas() {
        return betas.clone();
    }

    /** ᾱ_t for t = 0 .. n−1 (a copy). */
    public float[] alphasCumprod() {
        return alphasCumprod.clone();
    }

    /** ᾱ_t, or the final ᾱ for t &lt; 0 (the step after the last timestep). */
    public float alphaCumprod(int t) {
        if (t >= alphasCumprod.length) {
            throw new IllegalArgumentException("timestep " + t + " >= " + alphasCumprod.length);
        }
        return t >= 0 ? alphasCumprod[t] : finalAlphaCumprod;
    }

    /** The ᾱ used after the last step: ᾱ_0 when {@code set_alpha_to_one} is false. */
    public float finalAlphaCumprod() {
        return finalAlphaCumprod;
    }

    @Override
    public SchedulerKind kind() {
        return SchedulerKind.DDIM;
    }

    @Override
    public int trainSteps() {
        return config.numTrainTimesteps();
    }

    /** "leading" spacing plus steps_offset: SD 2.1's schedule takes 999 steps, not 1000. */
    @Override
    public int maxSteps() {
        return config.maxInferenceSteps();
    }

    /** The schedule for {@code steps} inference steps ({@code set_timesteps}). */
    public DdimSchedule withSteps(int steps) {
        return new DdimSchedule(this, steps);
    }

    /** As {@link #withSteps(int)}: DDIM keeps no state between steps. */
    @Override
    public DdimSchedule withSteps(int steps, NDManager state) {
        return withSteps(steps);
    }

    /**
     * Forward process q(x_t | x₀): √ᾱ_t·x₀ + √(1 − ᾱ_t)·ε, one timestep per batch element.
     *
     * @param original (B, ...) clean latents x₀
     * @param noise (B, ...) ε
     */
    public NDArray addNoise(NDArray original, NDArray noise, int[] timesteps) {
        return original.mul(coefficients(original, timesteps, true))
                .add(noise.mul(coefficients(original, timesteps, false)));
    }

    /**
     * The v-prediction target v = √ᾱ_t·ε − √(1 − ᾱ_t)·x₀ (diffusers {@code get_velocity}).
     *
     * @param sample (B, ...) clean latents x₀
     * @param noise (B, ...) ε
     */
    public NDArray velocity(NDArray sample, NDArray noise, int[] timesteps) {
        return noise.mul(coefficients(sample, timesteps, true))
                .sub(sample.mul(coefficients(sample, timesteps, false)));
    }

    /** (B, 1, ..., 1) √ᾱ_t (or √(1 − ᾱ_t)) in {@code like}'s manager and type. */
    private NDArray coefficients(NDArray like, int[] timesteps, boolean signal) {
        Shape shape = like.getShape();
        if (timesteps.length != shape.get(0)) {
            throw new IllegalArgumentException(
                    timesteps.length + " timesteps for a batch of " + shape.get(0));
        }
        float[] values = new float[timesteps.length];
        for (int i = 0; i < timesteps.length; i++) {
            float alpha = alphasCumprod[timesteps[i]];
            values[i] = (float) Math.sqrt(signal ? alpha : 1f - alpha);
        }
        long[] broadcast = new long[shape.dimension()];
        java.util.Arrays.fill(broadcast, 1);
        broadcast[0] = timesteps.length;
        return like.getManager().create(values, new Shape(broadcast))
                .toType(like.getDataType(), false);
    }
}
