package diffusionsat.job.cli;

import diffusionsat.inpaint.InpaintSettings;
import diffusionsat.io.storage.Storage;
import diffusionsat.job.JobReport;
import diffusionsat.job.RunFolder;
import diffusionsat.job.SparkSessions;
import diffusionsat.job.config.JobConfigs;
import diffusionsat.job.config.RunConfig;
import diffusionsat.job.config.Settings;
import diffusionsat.job.config.StorageConfig;
import diffusionsat.job.inpaint.InpaintJob;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code inpaint}: one image of an xBD-style before/after pair from the other, or the cloudy
 * pixels of Sentinel-2 dates from the clear dates around them.
 */
@Command(name = "inpaint", mixinStandardHelpOptions = true,
        description = "Generate the pre- (or post-) disaster image of xBD-style pairs, or fill "
                + "the clouds of Sentinel-2 dates from clear dates (inpaint.task), with a "
                + "DiffusionSat ControlNet; georeferenced COGs, results, metrics and summary.")
final class InpaintCommand implements Callable<Integer> {
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
        String runId = options.runId();
        RunFolder run = new RunFolder(options.output, InpaintJob.NAME, runId);
        InpaintSettings inpaint = JobConfigs.inpaint(settings, run.tiles());
        options.requireCatalog(storage);

        SparkSession spark = SparkSessions.create("diffusionsat-inpaint", options.master(),
                storageConfig);
        try {
            JobReport report = new InpaintJob(options.catalog, options.where(), run,
                    runConfig, inpaint, storage).run(spark);
            spec.commandLine().getOut().println(report);
            return report.withinTolerance(runConfig.maxFailedFraction())
                    ? ExitCodes.OK : ExitCodes.TOO_MANY_FAILED_TILES;
        } finally {
            spark.stop();
        }
    }
}
