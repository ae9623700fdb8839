package diffusionsat.job.cli;

import diffusionsat.job.TileJob;
import diffusionsat.job.config.SequenceConfigs;
import diffusionsat.job.sequence.SequenceJob;
import diffusionsat.sampling.Schedulers;
import diffusionsat.sequence.SequenceSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sequence}: auto-regressive generation of an image time series from a seed request. */
@Command(name = "sequence", mixinStandardHelpOptions = true,
        description = "Generate an image per date for each seed request of the --requests table:"
                + " a seed image from caption and metadata, then each next date from the most"
                + " recent images with the 3D ControlNet of model.checkpoint; writes"
                + " georeferenced COGs, results and summary tables.")
final class SequenceCommand extends TileJobCommand {
    @Option(names = "--requests", required = true, paramLabel = "URI",
            description = "Seed requests (Parquet, or CSV with a header when the URI ends in"
                    + " .csv): id, caption, lon, lat, gsd, datetime, and dates (';'-separated)"
                    + " or step_days + count.")
    String requests;

    SequenceCommand() {
        super(SequenceJob.NAME);
    }

    @Override
    TileJob<?, ?> job(JobContext context) {
        SequenceSettings sequence = SequenceConfigs.sequence(context.settings(),
                context.run().tiles());
        String checkpoint = sequence.model().checkpoint();
        CheckpointCheck.requireControlNet(context.storage(), checkpoint, SequenceJob.NAME,
                CheckpointCheck.ControlNetNeed.TEMPORAL);
        Schedulers.requireUsable(context.storage(), checkpoint, sequence.sampler());
        context.requireExists("--requests", requests);
        return new SequenceJob(requests,
                context.run(), context.runConfig(), sequence, context.storage());
    }
}
