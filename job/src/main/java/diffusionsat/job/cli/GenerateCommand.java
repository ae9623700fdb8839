package diffusionsat.job.cli;

import diffusionsat.generate.GenerationSettings;
import diffusionsat.job.TileJob;
import diffusionsat.job.config.JobConfigs;
import diffusionsat.job.generate.GenerateJob;
import diffusionsat.sampling.Schedulers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code generate}: captions + metadata to images with DiffusionSat (text-to-image). */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Sample one image per row of the --requests table with the checkpoint in"
                + " model.checkpoint; writes images/<id>.png + .json, results and summary"
                + " tables.")
final class GenerateCommand extends TileJobCommand {
    @Option(names = "--requests", required = true, paramLabel = "URI",
            description = "Requests table (Parquet, or CSV with a header when the URI ends in"
                    + " .csv): id, caption, lon, lat, gsd, datetime, optional cloud_cover.")
    String requests;

    GenerateCommand() {
        super(GenerateJob.NAME);
    }

    @Override
    TileJob<?, ?> job(JobContext context) {
        GenerationSettings generate = JobConfigs.generate(context.settings(),
                context.run().images());
        String checkpoint = generate.model().checkpoint();
        CheckpointCheck.requirePipeline(context.storage(), checkpoint, GenerateJob.NAME);
        Schedulers.requireUsable(context.storage(), checkpoint, generate.sampler());
        context.requireExists("--requests", requests);
        return new GenerateJob(requests,
                context.run(), context.runConfig(), generate, context.storage());
    }
}
