package diffusionsat.job.cli;

import diffusionsat.io.storage.Storage;
import diffusionsat.job.JobReport;
import diffusionsat.job.RunFolder;
import diffusionsat.job.SparkSessions;
import diffusionsat.job.config.JobConfigs;
import diffusionsat.job.config.RunConfig;
import diffusionsat.job.config.Settings;
import diffusionsat.job.config.StorageConfig;
import diffusionsat.job.superres.SuperResolutionJob;
import diffusionsat.superres.SuperResolutionSettings;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code superres}: Sentinel-2 tiles to RGB at ×scale, with metrics where a reference exists. */
@Command(name = "superres", mixinStandardHelpOptions = true,
        description = "Super-resolve catalogue tiles (bicubic baseline or DiffusionSat) to "
                + "georeferenced COGs, with results, metrics and summary tables.")
final class SuperResCommand implements Callable<Integer> {
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
        RunFolder run = new RunFolder(options.output, SuperResolutionJob.NAME, runId);
        SuperResolutionSettings superres = JobConfigs.superres(settings, run.tiles());
        options.requireCatalog(storage);

        SparkSession spark = SparkSessions.create("diffusionsat-superres", options.master(),
                storageConfig);
        try {
            JobReport report = new SuperResolutionJob(options.catalog, options.where(), run,
                    runConfig, superres, storage).run(spark);
            spec.commandLine().getOut().println(report);
            return report.withinTolerance(runConfig.maxFailedFraction())
                    ? ExitCodes.OK : ExitCodes.TOO_MANY_FAILED_TILES;
        } finally {
            spark.stop();
        }
    }
}
