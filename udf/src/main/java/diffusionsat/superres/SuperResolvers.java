package diffusionsat.superres;

import diffusionsat.io.storage.Storage;
import diffusionsat.sampling.ControlNetPipeline;
import diffusionsat.spark.ExecutorModels;
import java.util.function.LongConsumer;

/** Creates the configured {@link SuperResolver} inside an executor. */
public final class SuperResolvers {
    private SuperResolvers() {}

    /** The chunk layout of {@code settings.model()}'s resolver, without loading a model. */
    public static ChunkLayout layout(SuperResolutionSettings settings) {
        return switch (settings.model()) {
            case BICUBIC -> ChunkLayout.margin(MarginTiles.CUBIC_MARGIN);
            case DIFFUSIONSAT -> ChunkLayout.windows(
                    settings.diffusionsat().window(settings.scale()),
                    settings.diffusionsat().windowOverlap());
        };
    }

    /**
     * The resolver of {@code settings.model()}; DiffusionSat's ControlNet pipeline comes from
     * the executor's model cache, wrapped in windows of outputSize / scale input pixels.
     *
     * @param storage reads a remote checkpoint
     */
    public static SuperResolver create(SuperResolutionSettings settings, Storage storage) {
        return create(settings, storage, windows -> { });
    }

    /** As above, telling {@code windowsDone} of every finished window of the DiffusionSat model. */
    public static SuperResolver create(SuperResolutionSettings settings, Storage storage,
            LongConsumer windowsDone) {
        return switch (settings.model()) {
            case BICUBIC -> new BicubicSuperResolver();
            case DIFFUSIONSAT -> {
                DiffusionSatSettings model = settings.diffusionsat();
                ControlNetPipeline pipeline = ExecutorModels.controlNet(model.model(),
                        model.outputSize(), storage);
                yield new WindowedSuperResolver(new CountingSuperResolver(
                        new DiffusionSatSuperResolver(pipeline, model.sampler(), model.caption(),
                                model.conditioningScale()),
                        model.sampler().batchSize(), windowsDone),
                        model.window(settings.scale()), model.windowOverlap());
            }
        };
    }
}
