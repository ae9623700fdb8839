package diffusionsat.sampling;

import diffusionsat.sampling.SchedulerConfig.BetaSchedule;

/**
 * The training noise schedule every scheduler shares: β_t and ᾱ_t = Π_{s ≤ t} (1 − β_s) for t =
 * 0 .. n−1 (diffusers' scheduler constructors; DIFFUSIONSAT.md §4.2, MANIFEST.md fact 9).
 *
 * <p>Numerics follow torch: β in float32 from torch.linspace's two-sided formula, ᾱ accumulated
 * in double and rounded to float32 (torch's CPU cumprod).
 */
final class TrainingSchedule {
    private final float[] betas;
    private final float[] alphasCumprod;

    TrainingSchedule(int trainSteps, double betaStart, double betaEnd, BetaSchedule schedule) {
        betas = switch (schedule) {
            case LINEAR -> linspace((float) betaStart, (float) betaEnd, trainSteps);
            case SCALED_LINEAR -> squared(linspace((float) Math.sqrt(betaStart),
                    (float) Math.sqrt(betaEnd), trainSteps));
        };
        alphasCumprod = new float[trainSteps];
        double product = 1;
        for (int t = 0; t < trainSteps; t++) {
            product *= 1f - betas[t];
            alphasCumprod[t] = (float) product;
        }
    }

    /** β (shared: callers copy before handing it out). */
    float[] betas() {
        return betas;
    }

    /** ᾱ (shared: callers copy before handing it out). */
    float[] alphasCumprod() {
        return alphasCumprod;
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
