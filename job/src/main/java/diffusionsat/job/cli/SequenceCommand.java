package diffusionsat.job.cli;

import diffusionsat.io.ConfigException;
import diffusionsat.io.storage.Storage;
import diffusionsat.job.JobReport;
import diffusionsat.job.RunFolder;
import diffusionsat.job.SparkSessions;
import diffusionsat.job.config.RunConfig;
import diffusionsat.job.config.SequenceConfigs;
import diffusionsat.job.config.Settings;
import diffusionsat.job.config.StorageConfig;
import diffusionsat.job.sequence.SequenceJob;
import diffusionsat.sequence.SequenceSettings;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code sequence}: auto-regressive generation of an image time series from a seed request. */
@Command(name = "sequence", mixinStandardHelpOptions = true,
        description = "Generate an image per date for each seed request (--catalog: Parquet, or"
                + " CSV ending in .csv; columns id, caption, lon, lat, gsd, datetime, and dates"
                + " (';'-separated) or step_days + count): a seed image from caption and metadata,"
                + " then each next date from the most recent images with the 3D ControlNet of"
                + " model.checkpoint; writes georeferenced COGs, results and summary tables.")
final class SequenceCommand implements Callable<Integer> {
    @Mixin
    JobOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        // Everything is validated before Spark starts (DESIGN.md §6).
        Settings settings = options.settings();
        RunConfig runConfig = RunConfig.from(settings);
        StorageConfig storageConfig = StorageConfig.from(settings);
        Storage storage = Storage.of(storageConfig.hadoopSettings());
        RunFolder run = new RunFolder(options.output, SequenceJob.NAME, options.runId());
        SequenceSettings sequence = SequenceConfigs.sequence(settings, run.tiles());
        String checkpoint = sequence.model().checkpoint();
        if (!storage.exists(checkpoint + "/controlnet")) {
            throw new ConfigException("model.checkpoint", checkpoint, "has no controlnet/ (a 3D"
                    + " ControlNet is needed; `diffusionsat make-checkpoint --controlnet temporal`"
                    + " writes a small one)");
        }
        options.requireCatalog(storage);

        SparkSession spark = SparkSessions.create("diffusionsat-sequence", options.master(),
                storageConfig);
        try {
            JobReport report = new SequenceJob(options.catalog, run, runConfig, sequence,
                    storage).run(spark);
            spec.commandLine().getOut().println(report);
            return report.withinTolerance(runConfig.maxFailedFraction())
                    ? ExitCodes.OK : ExitCodes.TOO_MANY_FAILED_TILES;
        } finally {
            spark.stop();
        }
    }
}
