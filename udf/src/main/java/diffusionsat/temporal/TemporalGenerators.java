package diffusionsat.temporal;

import diffusionsat.io.ConfigException;
import diffusionsat.sampling.ConditionalGenerator;

/** Creates the configured {@link ConditionalGenerator} inside an executor. */
public final class TemporalGenerators {
    private TemporalGenerators() {}

    public static ConditionalGenerator create(TemporalSettings settings) {
        return switch (settings.model()) {
            case NEAREST_FRAME -> new NearestFrameGenerator(settings.baselineFrames(),
                    settings.baselineSize());
            case DIFFUSIONSAT -> throw new ConfigException("temporal.model", "diffusionsat",
                    "the ControlNet pipeline is not built yet; use nearest-frame");
        };
    }
}
