package diffusionsat.job.cli;

import diffusionsat.generate.GenerationSettings;
import diffusionsat.job.config.JobConfigs;
import diffusionsat.job.generate.GenerateJob;
import diffusionsat.sampling.Schedulers;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code generate}: captions + metadata to images with DiffusionSat (text-to-image). */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Sample one image per row of the --requests table with the checkpoint in"
                + " model.checkpoint; writes images/<id>.png + .json, results and summary"
                + " tables.")
final class GenerateCommand implements Callable<Integer> {
    @Mixin
    JobOptions options;

    @Option(names = "--requests", required = true, paramLabel = "URI",
            description = "Requests table (Parquet, or CSV with a header when the URI ends in"
                    + " .csv): id, caption, lon, lat, gsd, datetime, optional cloud_cover.")
    String requests;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        JobContext context = JobContext.of(options, GenerateJob.NAME);
        GenerationSettings generate = JobConfigs.generate(context.settings(),
                context.run().images());
        String checkpoint = generate.model().checkpoint();
        CheckpointCheck.requirePipeline(context.storage(), checkpoint, GenerateJob.NAME);
        Schedulers.requireUsable(context.storage(), checkpoint, generate.sampler());
        context.requireExists("--requests", requests);
        return context.run(GenerateJob.NAME, spec, spark -> new GenerateJob(requests,
                context.run(), context.runConfig(), generate, context.storage()).run(spark));
    }
}
