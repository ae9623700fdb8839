package diffusionsat.temporal;

import diffusionsat.io.storage.Storage;
import diffusionsat.sampling.ConditionalGenerator;
import diffusionsat.spark.ExecutorModels;

/** Creates the configured {@link ConditionalGenerator} inside an executor. */
public final class TemporalGenerators {
    private TemporalGenerators() {}

    /** The baseline, or the executor's cached ControlNet pipeline for this run's seeds. */
    public static ConditionalGenerator create(TemporalSettings settings, Storage storage) {
        return switch (settings.model()) {
            case NEAREST_FRAME -> new NearestFrameGenerator(settings.baselineFrames(),
                    settings.size());
            case DIFFUSIONSAT -> ExecutorModels.conditional(settings.checkpoint(),
                    settings.size(), settings.runSeed(), storage);
        };
    }
}
