package diffusionsat.sampling;

import com.fasterxml.jackson.databind.JsonNode;
import diffusionsat.io.ConfigException;
import diffusionsat.model.ConfigJson;
import diffusionsat.sampling.SchedulerConfig.BetaSchedule;
import diffusionsat.sampling.SchedulerConfig.PredictionType;
import java.util.List;

/**
 * What a multistep solver (DPM-Solver++ or UniPC, diffusers 0.17) takes from a {@code
 * scheduler/} config, read as diffusers' {@code from_config} reads another scheduler's config:
 * the keys the solver knows, its own defaults for the rest; DDIM-only keys ({@code steps_offset},
 * {@code set_alpha_to_one}, {@code clip_sample}) are ignored (MANIFEST.md case k). Options this
 * implementation does not have (thresholding, Karras sigmas, learned variance, UniC switched off
 * for some steps, bh1, a separate predictor solver) are refused naming the key.
 *
 * @param solverOrder 1 or 2: how many model outputs each update combines
 * @param lowerOrderFinal first-order updates at the end (DPM-Solver++: only below 15 steps)
 * @param lambdaMinClipped DPM-Solver++ never steps below this log-SNR λ (−∞: no clipping)
 */
public record MultistepConfig(int numTrainTimesteps, double betaStart, double betaEnd,
        BetaSchedule betaSchedule, PredictionType predictionType, int solverOrder,
        boolean lowerOrderFinal, double lambdaMinClipped) {
    private static final String MODEL = "scheduler";

    /** Validates ranges. */
    public MultistepConfig {
        SchedulerConfig.requireBetas(numTrainTimesteps, betaStart, betaEnd);
        if (solverOrder < 1 || solverOrder > 2) {
            throw new ConfigException(MODEL + ".solver_order", solverOrder,
                    "must be 1 or 2 in this implementation");
        }
        if (Double.isNaN(lambdaMinClipped)) {
            throw new ConfigException(MODEL + ".lambda_min_clipped", lambdaMinClipped,
                    "must be a number or -Infinity");
        }
    }

    /**
     * DPMSolverMultistepScheduler.from_config(config, algorithm_type="dpmsolver++",
     * solver_order=2): the call of MANIFEST.md case k.
     */
    public static MultistepConfig dpmSolver(JsonNode root) {
        ConfigJson json = common(root);
        String solverType = json.string("solver_type", "midpoint");
        // diffusers maps the UniPC types logrho / bh1 / bh2 to midpoint
        if (!List.of("midpoint", "logrho", "bh1", "bh2").contains(solverType)) {
            throw json.error("solver_type", solverType,
                    "is not supported by this implementation (only midpoint)");
        }
        json.requireUnsupportedUnset("use_karras_sigmas", false);
        json.requireUnsupportedUnset("variance_type", null);
        return of(json, 2, json.number("lambda_min_clipped", Double.NEGATIVE_INFINITY));
    }

    /** UniPCMultistepScheduler.from_config(config): bh2, predict_x0 (diffusers' defaults). */
    public static MultistepConfig uniPc(JsonNode root) {
        ConfigJson json = common(root);
        // diffusers maps the DPM-Solver types midpoint / heun / logrho to bh1
        json.requireUnsupportedUnset("solver_type", "bh2");
        json.requireUnsupportedUnset("predict_x0", true);
        json.requireUnsupportedUnset("solver_p", null);
        if (json.has("disable_corrector") && !json.integers("disable_corrector", null)
                .isEmpty()) {
            throw json.error("disable_corrector", root.get("disable_corrector"),
                    "is not supported by this implementation (only [])");
        }
        return of(json, json.integer("solver_order", 2), Double.NEGATIVE_INFINITY);
    }

    private static ConfigJson common(JsonNode root) {
        ConfigJson json = new ConfigJson(root, MODEL);
        json.requireUnsupportedUnset("thresholding", false);
        json.requireUnsupportedUnset("trained_betas", null);
        return json;
    }

    private static MultistepConfig of(ConfigJson json, int solverOrder, double lambdaMinClipped) {
        return new MultistepConfig(
                json.integer("num_train_timesteps", 1000),
                json.number("beta_start", 0.0001),
                json.number("beta_end", 0.02),
                SchedulerConfig.betaSchedule(json),
                SchedulerConfig.predictionType(json),
                solverOrder,
                json.bool("lower_order_final", true),
                lambdaMinClipped);
    }
}
