package diffusionsat.job.cli;

import diffusionsat.io.ConfigException;
import diffusionsat.io.storage.Storage;
import diffusionsat.job.config.TemporalConfigs;
import diffusionsat.job.temporal.TemporalJob;
import diffusionsat.temporal.TemporalModel;
import diffusionsat.sampling.Schedulers;
import diffusionsat.temporal.TemporalSettings;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code temporal}: an image of a sequence at a date, conditioned on its other frames. */
@Command(name = "temporal", mixinStandardHelpOptions = true,
        description = "Predict the image of a catalogue sequence at a target date from its frames"
                + " nearest in time (or evaluate: leave out each known frame and predict it),"
                + " writing georeferenced COGs, results, metrics per split and summaries.")
final class TemporalCommand implements Callable<Integer> {
    @Mixin
    JobOptions options;

    @Mixin
    CatalogOptions catalog;

    @Option(names = "--requests", paramLabel = "URI",
            description = "Requests table (Parquet, or CSV with a header): sequence_id, datetime"
                    + " (the target), optional caption and id. Required unless"
                    + " temporal.mode=evaluate.")
    String requests;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        JobContext context = JobContext.of(options, TemporalJob.NAME);
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
        return context.run(TemporalJob.NAME, spec, spark -> new TemporalJob(catalog.uri,
                catalog.where(), Optional.ofNullable(requests), mode, context.run(),
                context.runConfig(), temporal, storage).run(spark));
    }
}
