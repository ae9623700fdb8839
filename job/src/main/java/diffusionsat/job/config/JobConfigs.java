package diffusionsat.job.config;

import diffusionsat.evaluation.EvaluationSettings;
import diffusionsat.io.raster.Radiometry;
import diffusionsat.job.report.ReportSettings;
import diffusionsat.superres.SuperResolutionSettings;

/** Builds the per-job settings records from the merged configuration. */
public final class JobConfigs {
    private JobConfigs() {}

    public static SuperResolutionSettings superres(Settings s, String tilesFolder) {
        return new SuperResolutionSettings(
                s.choice("superres.model", SuperResolutionSettings.Model.class),
                s.integer("superres.scale", 1, 16),
                s.flag("superres.wald"),
                s.flag("superres.requireMetadata"),
                s.choice("io.radiometry", Radiometry.class),
                s.number("io.maxNoDataFraction", 0, 1),
                s.longValue("job.runSeed"),
                tilesFolder);
    }

    public static EvaluationSettings evaluation(Settings s) {
        return new EvaluationSettings(
                s.choice("io.radiometry", Radiometry.class),
                s.flag("evaluate.baseline"),
                s.number("evaluate.maxAspectDifference", 0, 1),
                s.string("evaluate.lpipsWeights"));
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
}
