package diffusionsat.job.cli;

import diffusionsat.evaluation.EvaluationSettings;
import diffusionsat.io.ConfigException;
import diffusionsat.io.storage.Storage;
import diffusionsat.job.config.JobConfigs;
import diffusionsat.job.evaluate.EvaluationJob;
import diffusionsat.job.evaluate.JobRun;
import diffusionsat.job.report.ReportSettings;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code evaluate}: metrics, summary tables and a report for the results of any tile job. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Score a job's outputs against the catalogue's targets and inputs (MSE, "
                + "PSNR, SSIM, consistency; LPIPS with evaluate.lpipsWeights; FID and IS with "
                + "evaluate.inceptionWeights; CLIP score with evaluate.clipModel; network "
                + "metrics without weights are reported unavailable) beside a bicubic "
                + "baseline; write metrics/, summary/ (with the change against the previous "
                + "run) and report/index.html.")
final class EvaluateCommand implements Callable<Integer> {
    @Mixin
    JobOptions options;

    @Mixin
    CatalogOptions catalog;

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
        JobContext context = JobContext.of(options, EvaluationJob.NAME);
        Storage storage = context.storage();
        EvaluationSettings evaluation = JobConfigs.evaluation(context.settings());
        ReportSettings report = JobConfigs.report(context.settings());
        JobRun jobRun = JobRun.of(results);
        catalog.requireCatalogue(context);
        if (!storage.exists(jobRun.results())) {
            throw new ConfigException("--results", results, "has no results table ("
                    + jobRun.results() + " does not exist)");
        }
        if (previous != null && !storage.exists(previous + "/summary/parquet")) {
            throw new ConfigException("--previous", previous, "has no summary/parquet");
        }
        return context.run(EvaluationJob.NAME, spec, spark -> new EvaluationJob(catalog.uri,
                catalog.where(), jobRun, context.run(), context.runConfig(), evaluation, report,
                previous, storage).run(spark));
    }
}
