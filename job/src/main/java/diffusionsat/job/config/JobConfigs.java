package diffusionsat.job.config;

import diffusionsat.evaluation.EvaluationSettings;
import diffusionsat.generate.GenerationSettings;
import diffusionsat.inpaint.InpaintSettings;
import diffusionsat.inpaint.InpaintTask;
import diffusionsat.inpaint.MissingMetadata;
import diffusionsat.io.ConfigException;
import diffusionsat.io.raster.Radiometry;
import diffusionsat.io.raster.ReflectanceEncoding;
import diffusionsat.job.report.ReportSettings;
import diffusionsat.model.ModelDType;
import diffusionsat.sampling.SamplerConfig;
import diffusionsat.sampling.SchedulerKind;
import diffusionsat.spark.ModelConfig;
import diffusionsat.superres.DiffusionSatSettings;
import diffusionsat.superres.ImageComparison;
import diffusionsat.superres.SceneSettings;
import diffusionsat.superres.SuperResolutionSettings;
import java.util.Locale;

/** Builds the per-job settings records from the merged configuration. */
public final class JobConfigs {
    private JobConfigs() {}

    public static SuperResolutionSettings superres(Settings s, String tilesFolder) {
        SuperResolutionSettings.Model model =
                s.choice("superres.model", SuperResolutionSettings.Model.class);
        // model.* and sampler.* are read only where used: the bicubic baseline needs no checkpoint.
        DiffusionSatSettings diffusionsat = model == SuperResolutionSettings.Model.DIFFUSIONSAT
                ? new DiffusionSatSettings(model(s), sampler(s),
                        s.integer("superres.windowOverlap", 0, 4096),
                        s.string("superres.caption"),
                        (float) s.number("superres.conditioningScale", 0, 10))
                : null;
        return new SuperResolutionSettings(
                model,
                s.integer("superres.scale", 1, 16),
                s.flag("superres.wald"),
                s.flag("superres.requireMetadata"),
                s.choice("io.radiometry", Radiometry.class),
                s.number("io.maxNoDataFraction", 0, 1),
                s.longValue("job.runSeed"),
                s.integer("superres.uncertaintySamples", 1,
                        SuperResolutionSettings.MAX_UNCERTAINTY_SAMPLES),
                tilesFolder,
                diffusionsat,
                comparison(s),
                scenes(s, model, tilesFolder));
    }

    /**
     * Chunking and output type of the superres job; chunk parts wait in {@code _chunks/} beside
     * {@code tiles/} (hidden from Hadoop listings by the leading underscore).
     */
    private static SceneSettings scenes(Settings s, SuperResolutionSettings.Model model,
            String tilesFolder) {
        String outputType = s.string("superres.outputType").trim();
        ReflectanceEncoding encoding;
        if (outputType.equalsIgnoreCase("auto")) {
            encoding = model == SuperResolutionSettings.Model.DIFFUSIONSAT
                    ? ReflectanceEncoding.BYTE : ReflectanceEncoding.FLOAT32;
        } else {
            try {
                encoding = ReflectanceEncoding.valueOf(outputType.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new ConfigException("superres.outputType", outputType,
                        "must be one of auto, float32, uint16, byte");
            }
        }
        String runFolder = tilesFolder.substring(0, Math.max(0, tilesFolder.lastIndexOf('/')));
        return new SceneSettings(
                s.integer("superres.chunkSize", SceneSettings.MIN_CHUNK_SIZE, 1 << 15),
                encoding,
                (runFolder.isEmpty() ? "." : runFolder) + "/_chunks");
    }

    /** How outputs are scored: {@code metrics.minValidFraction}. */
    public static ImageComparison comparison(Settings s) {
        return new ImageComparison(s.number("metrics.minValidFraction", 0, 1));
    }

    /** The {@code inpaint.*} settings with the model and sampler they run. */
    public static InpaintSettings inpaint(Settings s, String tilesFolder) {
        String direction = s.string("inpaint.direction").trim();
        if (!direction.equals("past") && !direction.equals("future")) {
            throw new ConfigException("inpaint.direction", direction, "must be past (generate"
                    + " the pre-disaster image) or future (the post-disaster one)");
        }
        return new InpaintSettings(
                s.choice("inpaint.task", InpaintTask.class),
                direction.equals("past"),
                s.string("inpaint.cloudMask").trim(),
                s.integer("inpaint.maskBand", 1, 65535),
                s.number("inpaint.clearMaxCloudCover", 0, 100),
                s.choice("inpaint.missingMetadata", MissingMetadata.class),
                s.string("inpaint.caption"),
                model(s),
                sampler(s),
                s.choice("io.radiometry", Radiometry.class),
                s.longValue("job.runSeed"),
                tilesFolder,
                comparison(s));
    }

    public static EvaluationSettings evaluation(Settings s) {
        return new EvaluationSettings(
                s.choice("io.radiometry", Radiometry.class),
                s.flag("evaluate.baseline"),
                s.number("evaluate.maxAspectDifference", 0, 1),
                s.string("evaluate.lpipsWeights"),
                s.string("evaluate.inceptionWeights"),
                s.string("evaluate.clipModel"),
                s.string("evaluate.clipCaption"),
                s.integer("evaluate.inceptionScoreSplits", 1, 1000),
                comparison(s),
                s.longValue("evaluate.windowedAbovePixels", 1, Long.MAX_VALUE));
    }

    public static ReportSettings report(Settings s) {
        return new ReportSettings(
                s.integer("evaluate.reportSamples", 0, 100),
                s.integer("evaluate.samplePanelSize", 16, 4096),
                s.string("evaluate.paperMetrics").trim(),
                stripSlash(s.string("evaluate.publishTo").trim()));
    }

    private static String stripSlash(String uri) {
        return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
    }

    /** The {@code model.*} settings. */
    public static ModelConfig model(Settings s) {
        return new ModelConfig(s.string("model.checkpoint").trim(),
                ModelDType.parse(s.string("model.dtype").trim()),
                s.choice("model.device", ModelConfig.DeviceChoice.class));
    }

    /** The {@code sampler.*} settings. */
    public static SamplerConfig sampler(Settings s) {
        return new SamplerConfig(
                SchedulerKind.parse("sampler.scheduler", s.string("sampler.scheduler")),
                s.integer("sampler.steps", 1, 1000),
                s.number("sampler.guidanceScale", Double.NEGATIVE_INFINITY,
                        Double.POSITIVE_INFINITY),
                s.integer("sampler.batchSize", 1, 1024),
                s.integer("sampler.height", Integer.MIN_VALUE, Integer.MAX_VALUE),
                s.integer("sampler.width", Integer.MIN_VALUE, Integer.MAX_VALUE),
                SamplerConfig.BatchInvariance.parse("sampler.batchInvariant",
                        s.string("sampler.batchInvariant")));
    }

    public static GenerationSettings generate(Settings s, String imagesFolder) {
        return new GenerationSettings(model(s), sampler(s), s.longValue("job.runSeed"),
                imagesFolder);
    }
}
