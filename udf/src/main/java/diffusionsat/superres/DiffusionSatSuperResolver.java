package diffusionsat.superres;

import diffusionsat.io.TileException;
import diffusionsat.io.raster.Resampling;
import diffusionsat.sampling.ConditionalRequest;
import diffusionsat.sampling.ControlNetPipeline;
import diffusionsat.sampling.SamplerConfig;
import diffusionsat.sampling.SamplingInfo;
import diffusionsat.sampling.SatelliteMetadata;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * DiffusionSat super-resolution (DIFFUSIONSAT.md §3.1): the fMoW-Sentinel 2D ControlNet turns the
 * 10 Sentinel-2 channels of a square input into an RGB image. The input is resized bilinearly to
 * the ControlNet's conditioning size (256 for the released model); the target metadata is the
 * tile's with the GSD of the generated image (input extent / output size), the conditioning
 * metadata the same with the raw GSD 10 (normalised 10000), as upstream trained it. An output of
 * another size than input × scale is resized bilinearly. {@link WindowedSuperResolver} feeds it
 * windows of outputSize / scale input pixels, so that no resizing of the output is needed.
 */
public final class DiffusionSatSuperResolver implements SuperResolver {
    /** The conditioning GSD upstream gives every Sentinel-2 input: raw 10 m, not rescaled. */
    static final double CONDITIONING_GSD = 10.0;

    private final ControlNetPipeline pipeline;
    private final SamplerConfig sampler;
    private final String caption;

    /**
     * @param pipeline a 2D ControlNet pipeline taking the 10 Sentinel-2 channels
     * @param sampler steps, guidance and batch size (its height and width are not used)
     * @param caption the text prompt of every input
     * @throws IllegalArgumentException when the pipeline takes other conditioning
     */
    public DiffusionSatSuperResolver(ControlNetPipeline pipeline, SamplerConfig sampler,
            String caption) {
        if (pipeline.shape().frames() != 1 || pipeline.shape().channels() != 10) {
            throw new IllegalArgumentException("super-resolution needs a 2D ControlNet of 10"
                    + " channels; the checkpoint's takes " + pipeline.shape());
        }
        this.pipeline = pipeline;
        this.sampler = sampler;
        this.caption = caption;
    }

    @Override
    public String name() {
        return "diffusionsat";
    }

    @Override
    public InputChannels inputChannels() {
        return InputChannels.SENTINEL2_10;
    }

    @Override
    public SamplingInfo sampling() {
        return SamplingInfo.of(name(), sampler, pipeline.batchInvariant(sampler));
    }

    /** Whole windows only: scenes run through {@link WindowedSuperResolver}'s renderer. */
    @Override
    public ChunkRenderer renderer() {
        throw new UnsupportedOperationException("the DiffusionSat model renders scenes through"
                + " WindowedSuperResolver");
    }

    @Override
    public float[][] superResolve(SuperResolutionInput input, int scale) {
        return superResolveAll(List.of(input), scale).get(0);
    }

    /** All inputs in batches of {@code sampler.batchSize()}, each with its own seed. */
    @Override
    public List<float[][]> superResolveAll(List<SuperResolutionInput> inputs, int scale) {
        List<ConditionalRequest> requests = new ArrayList<>();
        Map<String, Long> seeds = new HashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            SuperResolutionInput input = inputs.get(i);
            String itemId = input.tileId() + "#" + i; // windows of one tile share its id
            seeds.put(itemId, input.seed());
            requests.add(request(itemId, input));
        }
        List<float[][]> generated = pipeline.generate(requests, sampler, seeds::get);
        List<float[][]> outputs = new ArrayList<>(inputs.size());
        int size = pipeline.shape().outputSize();
        for (int i = 0; i < inputs.size(); i++) {
            SuperResolutionInput input = inputs.get(i);
            int width = input.width() * scale;
            int height = input.height() * scale;
            outputs.add(width == size && height == size ? generated.get(i)
                    : Resampling.resize(generated.get(i), size, size, width, height,
                            Resampling.Method.BILINEAR));
        }
        return outputs;
    }

    /** The request of one square input (package-private for tests). */
    ConditionalRequest request(String itemId, SuperResolutionInput input) {
        SatelliteMetadata tile = input.metadata();
        if (tile == null) {
            throw new TileException(input.tileId(), "the DiffusionSat model needs lon, lat, gsd"
                    + " and datetime in the catalogue");
        }
        if (input.width() != input.height()) {
            throw new IllegalArgumentException(input.tileId() + ": input " + input.width() + "x"
                    + input.height() + " is not square; run the model through"
                    + " WindowedSuperResolver");
        }
        int side = pipeline.shape().conditioningSize();
        float[][] condition = Resampling.resize(input.channels(), input.width(), input.height(),
                side, side, Resampling.Method.BILINEAR);
        double outputGsd = tile.gsd() * input.width() / pipeline.shape().outputSize();
        return new ConditionalRequest(itemId, caption, withGsd(tile, outputGsd).normalized(),
                new float[][][] {condition},
                new float[][] {withGsd(tile, CONDITIONING_GSD).normalized()}, side, side);
    }

    private static SatelliteMetadata withGsd(SatelliteMetadata metadata, double gsd) {
        return new SatelliteMetadata(metadata.lon(), metadata.lat(), gsd,
                metadata.cloudCoverPercent(), metadata.date());
    }
}
