package diffusionsat.job.cli;

import diffusionsat.generate.GenerationSettings;
import diffusionsat.io.ConfigException;
import diffusionsat.io.storage.Storage;
import diffusionsat.job.JobReport;
import diffusionsat.job.RunFolder;
import diffusionsat.job.SparkSessions;
import diffusionsat.job.config.JobConfigs;
import diffusionsat.job.config.RunConfig;
import diffusionsat.job.config.Settings;
import diffusionsat.job.config.StorageConfig;
import diffusionsat.job.generate.GenerateJob;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code generate}: captions + metadata to images with DiffusionSat (text-to-image). */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Sample one image per row of a requests table (--catalog: Parquet, or CSV"
                + " ending in .csv; columns id, caption, lon, lat, gsd, cloud_cover, datetime)"
                + " with the checkpoint in model.checkpoint; writes images/<id>.png + .json,"
                + " results and summary tables.")
final class GenerateCommand implements Callable<Integer> {
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
        RunFolder run = new RunFolder(options.output, GenerateJob.NAME, options.runId());
        GenerationSettings generate = JobConfigs.generate(settings, run.images());
        String checkpoint = generate.model().checkpoint();
        if (!storage.exists(checkpoint + "/model_index.json")) {
            throw new ConfigException("model.checkpoint", checkpoint, "is not a diffusers"
                    + " checkpoint folder (no model_index.json); write a small one with"
                    + " `diffusionsat make-checkpoint --output DIR` or use the released model");
        }
        options.requireCatalog(storage);

        SparkSession spark = SparkSessions.create("diffusionsat-generate", options.master(),
                storageConfig);
        try {
            JobReport report = new GenerateJob(options.catalog, run, runConfig, generate,
                    storage).run(spark);
            spec.commandLine().getOut().println(report);
            return report.withinTolerance(runConfig.maxFailedFraction())
                    ? ExitCodes.OK : ExitCodes.TOO_MANY_FAILED_TILES;
        } finally {
            spark.stop();
        }
    }
}
