package diffusionsat.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import diffusionsat.io.json.DiffusersJson;
import diffusionsat.model.ModelDType;
import diffusionsat.model.UNetConfig;
import diffusionsat.model.unet.SatUNet;
import diffusionsat.testing.CaseRunner;
import diffusionsat.testing.Npy;
import diffusionsat.testing.Parity;
import diffusionsat.testing.ReferenceCase;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reference cases of the multistep solvers (MANIFEST.md case k): DPM-Solver++ (config.json) and
 * UniPC (the file {@code scheduler_configs.unipc} names) built by {@link Schedulers} as
 * from_config builds them; their tables and timesteps, a 10-step chain of consecutive updates on
 * stored model outputs (one schedule, multistep state carried over), and the 4-step guided loop
 * with the SatUNet of the case {@code weights_from} names, through {@link LatentDiffusion}.
 *
 * <p>Tolerances (MANIFEST.md, case k): timesteps exact; α_t, σ_t 1e-6; λ_t 2e-5 (recomputed);
 * chain arrays 2e-5; loop latents 5e-4.
 */
public final class MultistepCaseRunner implements CaseRunner {
    private static final double TABLE_TOLERANCE = 1e-6;
    private static final double LAMBDA_TOLERANCE = 2e-5;
    private static final double CHAIN_TOLERANCE = 2e-5;
    private static final double LOOP_TOLERANCE = 5e-4;
    private static final String UNIPC = "unipc/";
    private static final Pattern CHAIN =
            Pattern.compile("chain/step(\\d+)_t(\\d+)_(x0_pred|prev_sample|corrected_sample)");
    private static final Pattern GUIDANCE = Pattern.compile("uncond \\+ ([0-9.]+) \\*");

    @Override
    public boolean handles(ReferenceCase c) {
        return c.configClass().equals("DPMSolverMultistepScheduler");
    }

    @Override
    public void run(ReferenceCase c) throws IOException {
        Parity parity = new Parity(c.name());
        MultistepScheduler dpm = (MultistepScheduler) new Schedulers(c.config().orElseThrow())
                .get(SchedulerKind.DPM_SOLVER_PP);
        JsonNode unipcJson = DiffusersJson.MAPPER.readTree(c.dir().resolve(c.description()
                .path("scheduler_configs").path("unipc").asText()).toFile());
        MultistepScheduler unipc = (MultistepScheduler) new Schedulers(unipcJson)
                .get(SchedulerKind.UNIPC);
        try (NDManager manager = NDManager.newBaseManager()) {
            Map<String, HostArray> chains = new HashMap<>();
            chains.putAll(chain(c, dpm, manager, "", parity));
            chains.putAll(chain(c, unipc, manager, UNIPC, parity));
            Map<String, HostArray> loop = loop(c, manager, c.config().orElseThrow());
            for (String name : c.outputNames()) {
                Npy expected = c.output(name);
                String local = name.startsWith(UNIPC) ? name.substring(UNIPC.length()) : name;
                MultistepScheduler scheduler = name.startsWith(UNIPC) ? unipc : dpm;
                switch (local) {
                    case "alpha_t" -> parity.compare(name, expected, expected.shape(),
                            scheduler.alphaTable(), TABLE_TOLERANCE);
                    case "sigma_t" -> parity.compare(name, expected, expected.shape(),
                            scheduler.sigmaTable(), TABLE_TOLERANCE);
                    case "lambda_t" -> parity.compare(name, expected, expected.shape(),
                            scheduler.lambdaTable(), LAMBDA_TOLERANCE);
                    default -> {
                        if (local.startsWith("timesteps_")) {
                            int steps = Integer.parseInt(local.substring("timesteps_".length()));
                            long[] actual = Arrays.stream(scheduler.withSteps(steps, manager)
                                    .timesteps()).asLongStream().toArray();
                            parity.check(() -> assertArrayEquals(expected.longs(), actual,
                                    name));
                        } else if (chains.containsKey(name)) {
                            chains.get(name).compare(parity, name, expected, CHAIN_TOLERANCE);
                        } else if (loop.containsKey(name)) {
                            loop.get(name).compare(parity, name, expected, LOOP_TOLERANCE);
                        } else {
                            throw new IllegalStateException(c.name() + ": unknown output "
                                    + name);
                        }
                    }
                }
            }
            parity.assertAll();
        }
    }

    /**
     * {@code set_timesteps(10)}, then step i on chain/model_outputs[i] from the previous step's
     * prev_sample; every output of every step, by its fixture name under {@code prefix}.
     */
    private static Map<String, HostArray> chain(ReferenceCase c, NoiseScheduler scheduler,
            NDManager manager, String prefix, Parity parity) {
        NDArray outputs = c.inputArray(manager, "chain/model_outputs");
        int steps = Math.toIntExact(outputs.getShape().get(0));
        SamplingSchedule schedule = scheduler.withSteps(steps, manager);
        int[] timesteps = schedule.timesteps();
        Map<String, HostArray> results = new HashMap<>();
        NDArray x = c.inputArray(manager, "chain/initial_sample");
        for (int i = 0; i < steps; i++) {
            SchedulerStep step = schedule.advance(i, outputs.get(i), x);
            String stem = prefix + "chain/step" + i + "_t" + timesteps[i] + "_";
            // copied out: the solver frees what it no longer needs as the chain goes on
            results.put(stem + "x0_pred", HostArray.of(step.predOriginalSample()));
            results.put(stem + "corrected_sample", HostArray.of(step.correctedSample()));
            results.put(stem + "prev_sample", HostArray.of(step.prevSample()));
            x = step.prevSample();
        }
        for (String name : c.outputNames()) {
            Matcher m = CHAIN.matcher(name);
            if (m.find() && name.startsWith(prefix + "chain/")) {
                int index = Integer.parseInt(m.group(1));
                int t = Integer.parseInt(m.group(2));
                parity.check(() -> assertEquals(t, timesteps[index], name + ": timestep"));
            }
        }
        return results;
    }

    /** The guided DPM-Solver++ loop of loop/* on the case's SatUNet; latents by fixture name. */
    private static Map<String, HostArray> loop(ReferenceCase c, NDManager manager,
            JsonNode schedulerJson) {
        ReferenceCase unetCase = ReferenceCase.open(c.dir().resolve(c.description()
                .path("weights_from").path("unet (loop/*)").asText()).normalize());
        SatUNet unet = new SatUNet(UNetConfig.fromJson(unetCase.config().orElseThrow()));
        unet.load(unetCase.weights(), manager, ModelDType.F32);
        // the loop never decodes, so it needs no VAE
        LatentDiffusion diffusion = new LatentDiffusion(unet, null, new Schedulers(schedulerJson));
        int steps = c.description().path("timesteps").path("loop").size();
        Matcher guidance = GUIDANCE.matcher(c.description().path("calls").path("loop/*")
                .asText());
        if (!guidance.find()) {
            throw new IllegalStateException(c.name() + ": no guidance scale in calls.loop/*");
        }
        Map<String, HostArray> results = new HashMap<>();
        NDArray latents = diffusion.denoise(c.inputArray(manager, "loop/initial_latents"),
                new Conditioning(c.inputArray(manager, "loop/prompt_embeds"),
                        c.inputArray(manager, "loop/negative_prompt_embeds"),
                        c.inputArray(manager, "loop/metadata")),
                SchedulerKind.DPM_SOLVER_PP, steps, Double.parseDouble(guidance.group(1)),
                (index, t, x) -> results.put("loop/latents_after_step" + index + "_t" + t,
                        HostArray.of(x)));
        results.put("loop/final_latents", HostArray.of(latents));
        return results;
    }

    /** An array copied out of the engine. */
    private record HostArray(long[] shape, float[] values) {
        static HostArray of(NDArray array) {
            return new HostArray(array.getShape().getShape(), array.toFloatArray());
        }

        void compare(Parity parity, String name, Npy expected, double tolerance) {
            parity.compare(name, expected, shape, values, tolerance);
        }
    }
}
