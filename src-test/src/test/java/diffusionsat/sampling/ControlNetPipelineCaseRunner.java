package diffusionsat.sampling;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import diffusionsat.io.raster.BandNames;
import diffusionsat.io.raster.GeoTransform;
import diffusionsat.io.raster.NoData;
import diffusionsat.io.raster.Radiometry;
import diffusionsat.io.raster.Raster;
import diffusionsat.io.raster.ResizeCentreCrop;
import diffusionsat.io.raster.Sentinel2Preprocessing;
import diffusionsat.model.ForwardProbe;
import diffusionsat.model.ModelDType;
import diffusionsat.model.UNetConfig;
import diffusionsat.model.VaeConfig;
import diffusionsat.model.controlnet.ControlNet;
import diffusionsat.model.controlnet.ControlNetModel;
import diffusionsat.model.controlnet.ControlNets;
import diffusionsat.model.controlnet.ResidualScaling;
import diffusionsat.model.unet.AdditionalResiduals;
import diffusionsat.model.unet.SatUNet;
import diffusionsat.model.unet.UNetInputs;
import diffusionsat.model.vae.AutoencoderKL;
import diffusionsat.superres.SuperResolutionMetadata;
import diffusionsat.testing.CaseRunner;
import diffusionsat.testing.Npy;
import diffusionsat.testing.Parity;
import diffusionsat.testing.ReferenceCase;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The ControlNet super-resolution pipeline end to end (MANIFEST.md case j): real Sentinel-2 crops
 * through our fMoW-Sentinel preprocessing ({@link Sentinel2Preprocessing}, {@link
 * ResizeCentreCrop}, the classes the superres job uses), the conditioning metadata by {@link
 * SuperResolutionMetadata}'s rule, then guided DDIM with the ControlNet's residuals ({@link
 * ControlNetPipeline#control}, {@link LatentDiffusion}) from the case's initial latents and text
 * embeddings, and the VAE decode. Every stored stage is compared, each from our own previous
 * stage (the conditioning image is ours, not the stored one).
 *
 * <p>Tolerances (MANIFEST.md, case j): uint8 and band stages exact; resize and the conditioning
 * image 2e-6; step-0 intermediates 1e-4; latents, decode and image 5e-4; metadata within 2
 * float32 ulps of 1000 (both sides round a float64 normalisation).
 */
public final class ControlNetPipelineCaseRunner implements CaseRunner {
    private static final double RESIZE_TOLERANCE = 2e-6;
    private static final double INTERMEDIATE_TOLERANCE = 1e-4;
    private static final double LATENTS_TOLERANCE = 5e-4;
    private static final double IMAGE_TOLERANCE = 5e-4;
    private static final double METADATA_TOLERANCE = 1.25e-4;
    private static final Pattern STEPS = Pattern.compile("num_inference_steps=(\\d+)");
    private static final Pattern GUIDANCE = Pattern.compile("guidance_scale=([0-9.]+)");
    private static final Pattern CONTROL_SCALE =
            Pattern.compile("controlnet_conditioning_scale=([0-9.]+)");
    private static final String CROP = "s2_raw_crop_";
    private static final String STEP0 = "intermediate/step0_";

    @Override
    public boolean handles(ReferenceCase c) {
        return c.hasInput("initial_latents") && c.weightsFrom("controlnet").isPresent()
                && c.weightsFrom("unet").isPresent() && c.weightsFrom("vae").isPresent();
    }

    @Override
    public void run(ReferenceCase c) throws IOException {
        String call = c.description().path("upstream_call").asText();
        int steps = Integer.parseInt(SamplingLoopCaseRunner.group(STEPS, call));
        double guidance = Double.parseDouble(SamplingLoopCaseRunner.group(GUIDANCE, call));
        float controlScale = Float.parseFloat(SamplingLoopCaseRunner.group(CONTROL_SCALE, call));
        Parity parity = new Parity(c.name());
        Map<String, float[]> actual = new HashMap<>();
        Map<String, long[]> shapes = new HashMap<>();
        try (NDManager manager = NDManager.newBaseManager()) {
            ReferenceCase controlnetCase = c.weightsFrom("controlnet").orElseThrow();
            ControlNet controlnet = ControlNets.load(controlnetCase.config().orElseThrow(),
                    controlnetCase.weights(), manager, ModelDType.F32);
            ReferenceCase unetCase = c.weightsFrom("unet").orElseThrow();
            SatUNet unet = new SatUNet(UNetConfig.fromJson(unetCase.config().orElseThrow()));
            unet.load(unetCase.weights(), manager, ModelDType.F32);
            ReferenceCase vaeCase = c.weightsFrom("vae").orElseThrow();
            AutoencoderKL vae = new AutoencoderKL(VaeConfig.fromJson(
                    vaeCase.config().orElseThrow()));
            vae.load(vaeCase.weights(), manager, ModelDType.F32);
            Schedulers schedulers = new Schedulers(new ObjectMapper()
                    .readTree(c.dir().resolve(c.description().path("weights_from")
                            .path("scheduler").asText()).toFile()));

            NDArray initial = c.inputArray(manager, "initial_latents"); // (B, 4, h, w)
            int latentSize = Math.toIntExact(initial.getShape().get(2));
            int condSize = latentSize * ((ControlNetModel) controlnet).config()
                    .conditioningDownsampling();
            NDArray images = preprocess(c, manager, condSize, actual, shapes);
            parity.compare("controlnet_cond", c.input("controlnet_cond"), images,
                    RESIZE_TOLERANCE);
            float[][] metadata = metadata(c, parity);
            int count = metadata[0].length / SatelliteMetadata.SIZE;
            Conditioning text = new Conditioning(c.inputArray(manager, "prompt_embeds"),
                    c.inputArray(manager, "negative_prompt_embeds"),
                    manager.create(metadata[0], new Shape(count, SatelliteMetadata.SIZE)));
            NDArray condMetadata = manager.create(metadata[1],
                    new Shape(count, SatelliteMetadata.SIZE));

            UNetControl control = new FirstStepRecorder(
                    ControlNetPipeline.control(controlnet, images, condMetadata, guidance,
                            ResidualScaling.uniform(controlScale)),
                    unet, new GuidedDenoiser(schedulers.get(SchedulerKind.DDIM), steps, guidance), actual,
                    shapes);
            LatentDiffusion diffusion = new LatentDiffusion(unet, vae, schedulers);
            NDArray latents = diffusion.denoise(initial, text, SchedulerKind.DDIM, steps, guidance,
                    (index, t, x) -> keep("latents_after_step" + index + "_t" + t, x, actual,
                            shapes), control);
            keep("final_latents", latents, actual, shapes);
            keep("vae_decode_raw", diffusion.decodeRaw(latents), actual, shapes);
            keep("image_nhwc", diffusion.decode(latents), actual, shapes);
        }
        for (String name : c.outputNames()) {
            parity.check(() -> org.junit.jupiter.api.Assertions.assertTrue(
                    actual.containsKey(name), c.name() + ": nothing of ours for output " + name));
            if (actual.containsKey(name)) {
                parity.compare(name, c.output(name), shapes.get(name), actual.get(name),
                        tolerance(name));
            }
        }
        parity.assertAll();
    }

    private static double tolerance(String output) {
        if (output.endsWith("_uint8") || output.endsWith("_drop_bands_chw")) {
            return 0; // uint8 and uint8 / 255 in float32: exact
        }
        if (output.endsWith("after_resize_chw")) {
            return RESIZE_TOLERANCE;
        }
        if (output.startsWith(STEP0)) {
            return INTERMEDIATE_TOLERANCE;
        }
        return output.contains("latents") ? LATENTS_TOLERANCE : IMAGE_TOLERANCE;
    }

    /**
     * Each crop s2_raw_crop_i (13 bands of L1C reflectance as GDAL reads them) through the
     * preprocessing, every stage kept under its output name; the conditioning images stacked
     * (B, C, H, W).
     */
    private static NDArray preprocess(ReferenceCase c, NDManager manager, int condSize,
            Map<String, float[]> actual, Map<String, long[]> shapes) {
        List<String> bandNames = new ArrayList<>();
        c.description().path("sentinel2").path("band_order_as_read")
                .forEach(b -> bandNames.add(b.asText()));
        Sentinel2Preprocessing preprocessing = new Sentinel2Preprocessing(Radiometry.REFLECTANCE);
        ResizeCentreCrop geometry = ResizeCentreCrop.square(condSize);
        List<float[][]> conditions = new ArrayList<>();
        for (int i = 0; c.hasInput(CROP + i); i++) {
            Npy crop = c.input(CROP + i);
            int height = Math.toIntExact(crop.shape()[1]);
            int width = Math.toIntExact(crop.shape()[2]);
            Raster raster = new Raster(width, height, bandNames, planes(crop.floats(),
                    bandNames.size(), width * height), new GeoTransform(0, 10, 0, 0, 0, -10), "",
                    new NoData.None());
            String stage = "preprocess/" + i + "/";

            float[] hwc = new float[height * width * bandNames.size()];
            for (int p = 0; p < width * height; p++) {
                for (int b = 0; b < bandNames.size(); b++) {
                    hwc[p * bandNames.size() + b] = preprocessing.uint8(
                            BandNames.canonicalSentinel2(bandNames.get(b)), raster.bands()[b][p]);
                }
            }
            put(stage + "after_sentinel_normalize_hwc_uint8", hwc,
                    new long[] {height, width, bandNames.size()}, actual, shapes);

            float[][] channels = preprocessing.controlNetChannels("crop " + i, raster);
            put(stage + "after_flip_bgr_drop_bands_chw", concat(channels),
                    new long[] {channels.length, height, width}, actual, shapes);

            int[] resized = geometry.resizedSize(width, height);
            float[][] resizedPlanes = geometry.resize(channels, width, height);
            put(stage + "after_resize_chw", concat(resizedPlanes),
                    new long[] {channels.length, resized[1], resized[0]}, actual, shapes);
            conditions.add(geometry.crop(resizedPlanes, resized[0], resized[1]));
        }
        int channels = conditions.get(0).length;
        float[][] stacked = new float[conditions.size() * channels][];
        for (int i = 0; i < conditions.size(); i++) {
            System.arraycopy(conditions.get(i), 0, stacked, i * channels, channels);
        }
        return manager.create(concat(stacked),
                new Shape(conditions.size(), channels, condSize, condSize));
    }

    /**
     * {target, conditioning} (B·7 each): the case's target metadata as our SatelliteMetadata
     * normalises it, and the conditioning metadata by the super-resolution rule, each compared
     * with the stored arrays.
     */
    private static float[][] metadata(ReferenceCase c, Parity parity) {
        Npy raw = c.input("raw_cond_metadata"); // raw rows, gsd set to 10 upstream
        double[] rows = raw.doubles();
        double[] normalised = c.input("metadata").doubles();
        int count = Math.toIntExact(raw.shape()[0]);
        float[] target = new float[count * SatelliteMetadata.SIZE];
        float[] condition = new float[count * SatelliteMetadata.SIZE];
        for (int i = 0; i < count; i++) {
            int o = i * SatelliteMetadata.SIZE;
            // Raw upstream values: lon + 180, lat + 90, gsd, cloud fraction, year − 1980, m, d.
            SatelliteMetadata tile = new SatelliteMetadata(rows[o] - 180, rows[o + 1] - 90,
                    normalised[o + 2] / 1000, rows[o + 3] * 100, LocalDate.of(
                            (int) rows[o + 4] + 1980, (int) rows[o + 5], (int) rows[o + 6]));
            System.arraycopy(tile.normalized(), 0, target, o, SatelliteMetadata.SIZE);
            System.arraycopy(SuperResolutionMetadata.conditioning(tile, 1).normalized(), 0,
                    condition, o, SatelliteMetadata.SIZE);
        }
        long[] shape = {count, SatelliteMetadata.SIZE};
        parity.compare("metadata", c.input("metadata"), shape, target, METADATA_TOLERANCE);
        parity.compare("cond_metadata", c.input("cond_metadata"), shape, condition,
                METADATA_TOLERANCE);
        return new float[][] {target, condition};
    }

    private static float[][] planes(float[] values, int count, int size) {
        float[][] planes = new float[count][size];
        for (int b = 0; b < count; b++) {
            System.arraycopy(values, b * size, planes[b], 0, size);
        }
        return planes;
    }

    private static float[] concat(float[][] planes) {
        int size = planes[0].length;
        float[] out = new float[planes.length * size];
        for (int p = 0; p < planes.length; p++) {
            System.arraycopy(planes[p], 0, out, p * size, size);
        }
        return out;
    }

    private static void keep(String name, NDArray array, Map<String, float[]> actual,
            Map<String, long[]> shapes) {
        put(name, array.toFloatArray(), array.getShape().getShape(), actual, shapes);
    }

    private static void put(String name, float[] values, long[] shape,
            Map<String, float[]> actual, Map<String, long[]> shapes) {
        actual.put(name, values);
        shapes.put(name, shape);
    }

    /**
     * The pipeline's control, recording at the first step what upstream's cross-check loop
     * stored: the ControlNet's residuals of the doubled batch, the UNet's prediction on them
     * (the same UNet call the loop makes next) and its guided combination.
     */
    private static final class FirstStepRecorder implements UNetControl {
        private final UNetControl pipeline;
        private final SatUNet unet;
        private final GuidedDenoiser guidance;
        private final Map<String, float[]> actual;
        private final Map<String, long[]> shapes;
        private boolean recorded;

        FirstStepRecorder(UNetControl pipeline, SatUNet unet, GuidedDenoiser guidance,
                Map<String, float[]> actual, Map<String, long[]> shapes) {
            this.pipeline = pipeline;
            this.unet = unet;
            this.guidance = guidance;
            this.actual = actual;
            this.shapes = shapes;
        }

        @Override
        public NDList arrays() {
            return pipeline.arrays();
        }

        @Override
        public AdditionalResiduals residuals(UNetInputs in) {
            AdditionalResiduals residuals = pipeline.residuals(in);
            if (!recorded) {
                recorded = true;
                for (int i = 0; i < residuals.down().size(); i++) {
                    keep(STEP0 + "down_block_res_sample_" + i, residuals.down().get(i), actual,
                            shapes);
                }
                keep(STEP0 + "mid_block_res_sample", residuals.mid(), actual, shapes);
                NDArray prediction = unet.forward(in, residuals, ForwardProbe.NONE);
                keep(STEP0 + "noise_pred_uncond_cond", prediction, actual, shapes);
                keep(STEP0 + "noise_pred_guided", guidance.guide(prediction), actual, shapes);
            }
            return residuals;
        }
    }
}
