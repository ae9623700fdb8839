package diffusionsat.job.cli;

import diffusionsat.evaluation.EvaluationSettings;
import diffusionsat.io.ConfigException;
import diffusionsat.io.storage.Storage;
import diffusionsat.job.JobReport;
import diffusionsat.job.RunFolder;
import diffusionsat.job.SparkSessions;
import diffusionsat.job.config.JobConfigs;
import diffusionsat.job.config.RunConfig;
import diffusionsat.job.config.Settings;
import diffusionsat.job.config.StorageConfig;
import diffusionsat.job.evaluate.EvaluationJob;
import diffusionsat.job.evaluate.JobRun;
import diffusionsat.job.report.ReportSettings;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code evaluate}: metrics, summary tables and a report for the results of any tile job. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Score a job's outputs against the catalogue's targets and inputs (MSE, "
                + "PSNR, SSIM, consistency; LPIPS, FID, IS, CLIP where their weights are "
                + "configured) beside a bicubic baseline; write metrics/, summary/ (with the "
                + "change against the previous run) and report/index.html.")
final class EvaluateCommand implements Callable<Integer> {
    @Mixin
    JobOptions options;

    @Option(names = "--results", required = true, paramLabel = "URI",
            description = "The run folder of the job to evaluate, <output>/<job>/<run-id>.")
    String results;

    @Option(names = "--previous", paramLabel = "URI",
            description = "An earlier evaluation run folder to compare with (default: the "
                    + "latest earlier finished run under <output>/evaluate/).")
    String previous;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        // Everything is validated before Spark starts (DESIGN.md §6).
        Settings settings = options.settings();
        RunConfig runConfig = RunConfig.from(settings);
        StorageConfig storageConfig = StorageConfig.from(settings);
        Storage storage = Storage.of(storageConfig.hadoopSettings());
        EvaluationSettings evaluation = JobConfigs.evaluation(settings);
        ReportSettings report = JobConfigs.report(settings);
        JobRun jobRun = JobRun.of(results);
        RunFolder run = new RunFolder(options.output, EvaluationJob.NAME, options.runId());
        options.requireCatalog(storage);
        if (!storage.exists(jobRun.results())) {
            throw new ConfigException("--results", results, "has no results table ("
                    + jobRun.results() + " does not exist)");
        }
        if (previous != null && !storage.exists(previous + "/summary/parquet")) {
            throw new ConfigException("--previous", previous, "has no summary/parquet");
        }

        SparkSession spark = SparkSessions.create("diffusionsat-evaluate", options.master(),
                storageConfig);
        try {
            JobReport outcome = new EvaluationJob(options.catalog, options.where(), jobRun, run,
                    runConfig, evaluation, report, previous, storage).run(spark);
            spec.commandLine().getOut().println(outcome);
            return outcome.withinTolerance(runConfig.maxFailedFraction())
                    ? ExitCodes.OK : ExitCodes.TOO_MANY_FAILED_TILES;
        } finally {
            spark.stop();
        }
    }
}
