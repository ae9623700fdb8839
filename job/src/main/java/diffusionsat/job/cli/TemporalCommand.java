package diffusionsat.job.cli;

import diffusionsat.io.ConfigException;
import diffusionsat.io.storage.Storage;
import diffusionsat.job.JobReport;
import diffusionsat.job.RunFolder;
import diffusionsat.job.SparkSessions;
import diffusionsat.job.config.RunConfig;
import diffusionsat.job.config.Settings;
import diffusionsat.job.config.StorageConfig;
import diffusionsat.job.config.TemporalConfigs;
import diffusionsat.job.temporal.TemporalJob;
import diffusionsat.temporal.TemporalSettings;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code temporal}: an image of a sequence at a date, conditioned on its other frames. */
@Command(name = "temporal", mixinStandardHelpOptions = true,
        description = "Predict the image of a catalogue sequence at a target date from its frames"
                + " nearest in time (or evaluate: leave out each known frame and predict it),"
                + " writing georeferenced COGs, results, metrics per split and summaries.")
final class TemporalCommand implements Callable<Integer> {
    @Mixin
    JobOptions options;

    @Option(names = "--requests", paramLabel = "URI",
            description = "Requests table (Parquet, or CSV with a header): sequence_id, datetime"
                    + " (the target), optional caption and id. Required unless"
                    + " temporal.mode=evaluate.")
    String requests;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        // Everything is validated before Spark starts (DESIGN.md §6).
        Settings settings = options.settings();
        RunConfig runConfig = RunConfig.from(settings);
        StorageConfig storageConfig = StorageConfig.from(settings);
        Storage storage = Storage.of(storageConfig.hadoopSettings());
        RunFolder run = new RunFolder(options.output, TemporalJob.NAME, options.runId());
        TemporalSettings temporal = TemporalConfigs.temporal(settings, run.tiles());
        TemporalConfigs.Mode mode = TemporalConfigs.mode(settings);
        options.requireCatalog(storage);
        if (mode == TemporalConfigs.Mode.GENERATE) {
            if (requests == null) {
                throw new ConfigException("--requests", null,
                        "is required unless temporal.mode=evaluate");
            }
            if (!storage.exists(requests)) {
                throw new ConfigException("--requests", requests, "does not exist");
            }
        }

        SparkSession spark = SparkSessions.create("diffusionsat-temporal", options.master(),
                storageConfig);
        try {
            JobReport report = new TemporalJob(options.catalog, options.where(),
                    Optional.ofNullable(requests), mode, run, runConfig, temporal, storage)
                    .run(spark);
            spec.commandLine().getOut().println(report);
            return report.withinTolerance(runConfig.maxFailedFraction())
                    ? ExitCodes.OK : ExitCodes.TOO_MANY_FAILED_TILES;
        } finally {
            spark.stop();
        }
    }
}
