package diffusionsat.superres;

import diffusionsat.sampling.SamplingInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns one low-resolution tile into an RGB image {@code scale} times larger. Implementations: the
 * bicubic baseline and the DiffusionSat 2D ControlNet; the {@code superres} job does not know
 * which one it runs.
 */
public interface SuperResolver {

    /** The model name written into every result row. */
    String name();

    /** Which channels the implementation needs from the tile. */
    InputChannels inputChannels();

    /** The model, scheduler, steps and guidance recorded in the results (none: a baseline). */
    default SamplingInfo sampling() {
        return SamplingInfo.baseline(name());
    }

    /**
     * Super-resolves one tile.
     *
     * @param input channels in [0,1] as {@link #inputChannels()} describes, with metadata and seed
     * @param scale the integer factor between input and output pixel size
     * @return R, G, B planes in [0,1], each (height·scale)×(width·scale), row-major
     */
    float[][] superResolve(SuperResolutionInput input, int scale);

    /**
     * Super-resolves several inputs of one scene (the windows of a large one); a model that
     * batches on a device overrides this. Each result equals {@link #superResolve}'s.
     *
     * @return one result per input, in order
     */
    default List<float[][]> superResolveAll(List<SuperResolutionInput> inputs, int scale) {
        List<float[][]> outputs = new ArrayList<>(inputs.size());
        for (SuperResolutionInput input : inputs) {
            outputs.add(superResolve(input, scale));
        }
        return outputs;
    }

    /**
     * How chunks of a scene are rendered: by default in strips with a margin of {@link
     * MarginTiles#CUBIC_MARGIN} input pixels, right for resolvers whose output pixel depends only
     * on nearby input pixels (resampling kernels); fixed-window models blend windows instead.
     */
    default ChunkRenderer renderer() {
        return new MarginTiles(this, MarginTiles.CUBIC_MARGIN);
    }

    /** The channels a resolver reads from a tile. */
    enum InputChannels {
        /** R, G, B (B04, B03, B02 for Sentinel-2). */
        RGB,
        /** The 10 DiffusionSat channels B4, B3, B2, B5, B6, B7, B8, B8A, B11, B12 (DIFFUSIONSAT.md §3.1). */
        SENTINEL2_10
    }
}
