package diffusionsat.sampling;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import diffusionsat.model.ModelDType;
import diffusionsat.model.UNetConfig;
import diffusionsat.model.VaeConfig;
import diffusionsat.model.unet.SatUNet;
import diffusionsat.model.vae.AutoencoderKL;
import diffusionsat.testing.CaseRunner;
import diffusionsat.testing.Parity;
import diffusionsat.testing.ReferenceCase;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reference cases of the guided sampling loop (MANIFEST.md case h): the upstream pipeline with a
 * SatUNet, a VAE and the SD 2.1 DDIM scheduler, given initial latents, prompt and negative prompt
 * embeddings and metadata. Steps and guidance scale are read from the recorded upstream call.
 *
 * <p>Tolerances (MANIFEST.md, case h): final latents and image 5e-4; the per-step latents use the
 * final latents' tolerance (they precede them, so carry no more error); the raw decode is the
 * image before /2 + 0.5, so its tolerance is the image's × 2 = 1e-3.
 */
public final class SamplingLoopCaseRunner implements CaseRunner {
    private static final double LATENTS_TOLERANCE = 5e-4;
    private static final double IMAGE_TOLERANCE = 5e-4;
    private static final double RAW_DECODE_TOLERANCE = 2 * IMAGE_TOLERANCE;
    private static final Pattern STEPS = Pattern.compile("num_inference_steps=(\\d+)");
    private static final Pattern GUIDANCE = Pattern.compile("guidance_scale=([0-9.]+)");

    @Override
    public boolean handles(ReferenceCase c) {
        return c.hasInput("initial_latents") && c.hasInput("prompt_embeds")
                && c.weightsFrom("unet").isPresent() && c.weightsFrom("vae").isPresent()
                && c.weightsFrom("controlnet").isEmpty();
    }

    @Override
    public void run(ReferenceCase c) throws IOException {
        ReferenceCase unetCase = c.weightsFrom("unet").orElseThrow();
        ReferenceCase vaeCase = c.weightsFrom("vae").orElseThrow();
        JsonNode schedulerJson = new ObjectMapper().readTree(
                c.dir().resolve(c.description().path("weights_from").path("scheduler").asText())
                        .toFile());
        String call = c.description().path("upstream_call").asText();
        int steps = Integer.parseInt(group(STEPS, call));
        double guidance = Double.parseDouble(group(GUIDANCE, call));

        Parity parity = new Parity(c.name());
        try (NDManager manager = NDManager.newBaseManager()) {
            SatUNet unet = new SatUNet(UNetConfig.fromJson(unetCase.config().orElseThrow()));
            unet.load(unetCase.weights(), manager, ModelDType.F32);
            AutoencoderKL vae = new AutoencoderKL(VaeConfig.fromJson(vaeCase.config().orElseThrow()));
            vae.load(vaeCase.weights(), manager, ModelDType.F32);
            LatentDiffusion diffusion = new LatentDiffusion(unet, vae,
                    new Schedulers(schedulerJson));

            Map<String, float[]> stepLatents = new HashMap<>();
            Map<String, long[]> stepShapes = new HashMap<>();
            NDArray latents = diffusion.denoise(c.inputArray(manager, "initial_latents"),
                    new Conditioning(c.inputArray(manager, "prompt_embeds"),
                            c.inputArray(manager, "negative_prompt_embeds"),
                            c.inputArray(manager, "metadata")),
                    SchedulerKind.DDIM, steps, guidance, (index, t, x) -> {
                        String name = "latents_after_step" + index + "_t" + t;
                        stepLatents.put(name, x.toFloatArray());
                        stepShapes.put(name, x.getShape().getShape());
                    });
            for (String name : c.outputNames()) {
                switch (name) {
                    case "final_latents" -> parity.compare(name, c.output(name), latents,
                            LATENTS_TOLERANCE);
                    case "vae_decode_raw" -> parity.compare(name, c.output(name),
                            diffusion.decodeRaw(latents), RAW_DECODE_TOLERANCE);
                    case "image_nhwc" -> parity.compare(name, c.output(name),
                            diffusion.decode(latents), IMAGE_TOLERANCE);
                    default -> {
                        if (!stepLatents.containsKey(name)) {
                            throw new IllegalStateException(c.name() + ": unknown output " + name
                                    + " (no step produced it)");
                        }
                        parity.compare(name, c.output(name), stepShapes.get(name),
                                stepLatents.get(name), LATENTS_TOLERANCE);
                    }
                }
            }
        }
        parity.assertAll();
    }

    /** The first group of {@code pattern} in a case's {@code upstream_call}. */
    static String group(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("upstream_call lacks " + pattern + ": " + text);
        }
        return m.group(1);
    }
}
