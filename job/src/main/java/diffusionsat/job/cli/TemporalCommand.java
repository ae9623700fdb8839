package diffusionsat.job.cli;

import diffusionsat.io.ConfigException;
import diffusionsat.io.storage.Storage;
import diffusionsat.job.TileJob;
import diffusionsat.job.config.TemporalConfigs;
import diffusionsat.job.temporal.TemporalJob;
import diffusionsat.sampling.Schedulers;
import diffusionsat.temporal.TemporalModel;
import diffusionsat.temporal.TemporalSettings;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code temporal}: an image of a sequence at a date, conditioned on its other frames. */
@Command(name = "temporal", mixinStandardHelpOptions = true,
        description = "Predict the image of a catalogue sequence at a target date from its frames"
                + " nearest in time (or evaluate: leave out each known frame and predict it),"
                + " writing georeferenced COGs, results, metrics per split and summaries.")
final class TemporalCommand extends TileJobCommand {
    @Mixin
    CatalogOptions catalog;

    @Option(names = "--requests", paramLabel = "URI",
            description = "Requests table (Parquet, or CSV with a header): sequence_id, datetime"
                    + " (the target), optional caption and id. Required unless"
                    + " temporal.mode=evaluate.")
    String requests;

    TemporalCommand() {
        super(TemporalJob.NAME);
    }

    @Override
    TileJob<?, ?> job(JobContext context) {
        Storage storage = context.storage();
        TemporalSettings temporal = TemporalConfigs.temporal(context.settings(),
                context.run().tiles());
        TemporalConfigs.Mode mode = TemporalConfigs.mode(context.settings());
        if (temporal.model() == TemporalModel.DIFFUSIONSAT) {
            CheckpointCheck.requireControlNet(storage, temporal.checkpoint().checkpoint(),
                    "temporal.model=diffusionsat", CheckpointCheck.ControlNetNeed.TEMPORAL);
        }
        if (temporal.checkpoint() != null) {
            Schedulers.requireUsable(storage, temporal.checkpoint().checkpoint(),
                    temporal.sampler());
        }
        catalog.requireCatalogue(context);
        if (mode == TemporalConfigs.Mode.GENERATE) {
            if (requests == null) {
                throw new ConfigException("--requests", null,
                        "is required unless temporal.mode=evaluate");
            }
            context.requireExists("--requests", requests);
        }
        return new TemporalJob(catalog.uri,
                catalog.where(), Optional.ofNullable(requests), mode, context.run(),
                context.runConfig(), temporal, storage);
    }
}
