package diffusionsat.sampling;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * The noise schedule of diffusers' {@code DDIMScheduler} (scheduling_ddim.py, vendored 0.17;
 * DIFFUSIONSAT.md §4.2): β, ᾱ (alphas_cumprod), the forward process ({@link #addNoise}) and the
 * v-prediction target ({@link #velocity}). {@link #withSteps} fixes the inference step count and
 * gives the {@link DdimSchedule} that performs the updates.
 *
 * <p>Numerics follow torch: β in float32 from torch.linspace's two-sided formula, ᾱ = cumprod(1 −
 * β) accumulated in double and rounded to float32 (torch's CPU cumprod), scalar coefficients in
 * float32.
 */
public final class DdimScheduler {
    private final SchedulerConfig config;
    private final float[] betas;
    private final float[] alphasCumprod;
    private final float finalAlphaCumprod;

    /** The schedule of {@code config}. */
    public DdimScheduler(SchedulerConfig config) {
        this.config = config;
        int n = config.numTrainTimesteps();
        betas = switch (config.betaSchedule()) {
            case LINEAR -> linspace((float) config.betaStart(), (float) config.betaEnd(), n);
            case SCALED_LINEAR -> squared(linspace((float) Math.sqrt(config.betaStart()),
                    (float) Math.sqrt(config.betaEnd()), n));
        };
        alphasCumprod = new float[n];
        double product = 1;
        for (int t = 0; t < n; t++) {
            product *= 1f - betas[t]; // ᾱ_t = Π_{s ≤ t} (1 − β_s)
            alphasCumprod[t] = (float) product;
        }
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

    /** The schedule for {@code steps} inference steps ({@code set_timesteps}). */
    public DdimSchedule withSteps(int steps) {
        return new DdimSchedule(this, steps);
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

    /** torch.linspace in float32: from the start for the first half, from the end after. */
    private static float[] linspace(float start, float end, int n) {
        float[] values = new float[n];
        float step = n == 1 ? 0 : (end - start) / (n - 1);
        for (int i = 0; i < n; i++) {
            values[i] = i < n / 2 ? start + step * i : end - step * (n - 1 - i);
        }
        return values;
    }

    private static float[] squared(float[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i] * values[i];
        }
        return out;
    }
}
