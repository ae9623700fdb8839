package diffusionsat.sampling;

import com.fasterxml.jackson.databind.JsonNode;
import diffusionsat.io.ConfigException;
import diffusionsat.model.ConfigJson;

/**
 * A DDIM scheduler's {@code scheduler/config.json} (diffusers 0.17 scheduling_ddim.py;
 * DIFFUSIONSAT.md §4.2). Only what DiffusionSat's checkpoints use beyond the defaults is
 * supported: thresholding and trained betas are refused.
 *
 * @param stepsOffset added to every inference timestep ({@code steps_offset})
 */
public record SchedulerConfig(int numTrainTimesteps, double betaStart, double betaEnd,
        BetaSchedule betaSchedule, PredictionType predictionType, boolean setAlphaToOne,
        int stepsOffset, boolean clipSample, double clipSampleRange) {

    /** How β grows over the training timesteps. */
    public enum BetaSchedule {
        /** β = linspace(start, end, n). */
        LINEAR,
        /** β = linspace(√start, √end, n)² (SD). */
        SCALED_LINEAR
    }

    /** What the network predicts. */
    public enum PredictionType {
        EPSILON,
        SAMPLE,
        /** v = √ᾱ·ε − √(1−ᾱ)·x₀ (SD 2.1 768-v, DiffusionSat). */
        V_PREDICTION
    }

    /** Validates ranges. */
    public SchedulerConfig {
        requireBetas(numTrainTimesteps, betaStart, betaEnd);
        if (stepsOffset < 0 || stepsOffset >= numTrainTimesteps) {
            throw new ConfigException("scheduler.steps_offset", stepsOffset,
                    "must be in [0, num_train_timesteps)");
        }
    }

    /** SD 2.1's scheduler: scaled-linear 0.00085..0.012, v-prediction, offset 1, no clipping. */
    public static SchedulerConfig sd21() {
        return new SchedulerConfig(1000, 0.00085, 0.012, BetaSchedule.SCALED_LINEAR,
                PredictionType.V_PREDICTION, false, 1, false, 1.0);
    }

    /** Parses a DDIMScheduler {@code config.json}. */
    public static SchedulerConfig fromJson(JsonNode root) {
        ConfigJson json = new ConfigJson(root, "scheduler");
        json.requireUnsupportedUnset("thresholding", false);
        json.requireUnsupportedUnset("trained_betas", null);
        json.requireUnsupportedUnset("timestep_spacing", "leading");
        json.requireUnsupportedUnset("rescale_betas_zero_snr", false);
        return new SchedulerConfig(
                json.integer("num_train_timesteps", 1000),
                json.number("beta_start", 0.0001),
                json.number("beta_end", 0.02),
                betaSchedule(json),
                predictionType(json),
                json.bool("set_alpha_to_one", true),
                json.integer("steps_offset", 0),
                json.bool("clip_sample", true),
                json.number("clip_sample_range", 1.0));
    }

    /**
     * The most inference steps this schedule can take: with "leading" spacing the first
     * timestep is (N − 1)·⌊n/N⌋ + steps_offset, which must stay below n (SD 2.1: 999, not 1000).
     */
    public int maxInferenceSteps() {
        for (int steps = numTrainTimesteps; steps > 1; steps--) {
            if ((steps - 1) * (numTrainTimesteps / steps) + stepsOffset < numTrainTimesteps) {
                return steps;
            }
        }
        return 1;
    }

    /** A {@link ConfigException} naming {@code sampler.steps} and its allowed range. */
    public void requireSteps(int steps) {
        int max = maxInferenceSteps();
        if (steps < 1 || steps > max) {
            throw new ConfigException("sampler.steps", steps, "must be in [1, " + max
                    + "] for the checkpoint's scheduler (num_train_timesteps "
                    + numTrainTimesteps + ", steps_offset " + stepsOffset + ")");
        }
    }

    /** The training schedule's ranges, shared by every scheduler's config. */
    static void requireBetas(int numTrainTimesteps, double betaStart, double betaEnd) {
        if (numTrainTimesteps < 1 || !(betaStart > 0) || !(betaEnd > betaStart) || betaEnd >= 1) {
            throw new ConfigException("scheduler", numTrainTimesteps + " steps, β " + betaStart
                    + ".." + betaEnd, "need n >= 1 and 0 < beta_start < beta_end < 1");
        }
    }

    /** {@code beta_schedule} (diffusers' default linear). */
    static BetaSchedule betaSchedule(ConfigJson json) {
        String schedule = json.string("beta_schedule", "linear");
        return switch (schedule) {
            case "linear" -> BetaSchedule.LINEAR;
            case "scaled_linear" -> BetaSchedule.SCALED_LINEAR;
            default -> throw json.error("beta_schedule", schedule,
                    "must be linear or scaled_linear");
        };
    }

    /** {@code prediction_type} (diffusers' default epsilon). */
    static PredictionType predictionType(ConfigJson json) {
        String prediction = json.string("prediction_type", "epsilon");
        return switch (prediction) {
            case "epsilon" -> PredictionType.EPSILON;
            case "sample" -> PredictionType.SAMPLE;
            case "v_prediction" -> PredictionType.V_PREDICTION;
            default -> throw json.error("prediction_type", prediction,
                    "must be epsilon, sample or v_prediction");
        };
    }
}
