package diffusionsat.job.cli;

import diffusionsat.io.ConfigException;
import diffusionsat.io.storage.StaleTemporaries;
import diffusionsat.io.storage.Storage;
import diffusionsat.job.JobReport;
import diffusionsat.job.RunFolder;
import diffusionsat.job.SparkSessions;
import diffusionsat.job.config.RunConfig;
import diffusionsat.job.config.Settings;
import diffusionsat.job.config.StorageConfig;
import java.time.Instant;
import java.util.function.Function;
import org.apache.spark.sql.SparkSession;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What every job command resolves before Spark starts (DESIGN.md §6: configuration errors first),
 * and the one way a job then runs: start Spark, run, print the report, map it to an exit status.
 */
record JobContext(Settings settings, RunConfig runConfig, StorageConfig storageConfig,
        Storage storage, RunFolder run, String master) {

    static JobContext of(JobOptions options, String job) {
        Settings settings = options.settings();
        StorageConfig storageConfig = StorageConfig.from(settings);
        return new JobContext(settings, RunConfig.from(settings, options.dryRun), storageConfig,
                storageConfig.storage(),
                new RunFolder(options.output, job, options.runId()), options.master());
    }

    /** Fails before Spark starts when the input {@code option} names is not there. */
    void requireExists(String option, String uri) {
        if (!storage.exists(uri)) {
            throw new ConfigException(option, uri, "does not exist");
        }
    }

    /** Runs a job in a new Spark session and returns the launcher's exit status. */
    int run(String job, CommandSpec spec, Function<SparkSession, JobReport> body) {
        // A rerun of the run id first removes what killed JVMs of earlier attempts left behind
        // (not a dry run: it writes nothing).
        int stale = runConfig.dryRun() ? 0
                : StaleTemporaries.delete(storage, run.root(), Instant.now());
        if (stale > 0) {
            LoggerFactory.getLogger(JobContext.class).info("{}: removed {} temporary files an"
                    + " earlier attempt left in {}", job, stale, run.root());
        }
        SparkSession spark = SparkSessions.create("diffusionsat-" + job, master, storageConfig);
        try {
            JobReport report = body.apply(spark);
            spec.commandLine().getOut().println(report);
            return report.withinTolerance(runConfig.maxFailedFraction())
                    ? ExitCodes.OK : ExitCodes.TOO_MANY_FAILED_TILES;
        } finally {
            spark.stop();
        }
    }
}
