package diffusionsat.superres;

import diffusionsat.io.TileException;
import diffusionsat.io.raster.GridCentre;
import diffusionsat.io.raster.ResizeCentreCrop;
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
 * 10 Sentinel-2 channels of a square input into an RGB image. The conditioning image is made by
 * upstream's rule ({@link ResizeCentreCrop}: antialiased bilinear resize to the ControlNet's
 * conditioning size, 256 for the released model; the input is square, so nothing is cropped);
 * the metadata are {@link SuperResolutionMetadata}'s, placed at the input's own centre where its
 * grid is known (each window of a scene its own lon/lat, as upstream conditions each training
 * image on its own location). An output of another size than input × scale is resized
 * bilinearly. {@link WindowedSuperResolver} feeds it windows of outputSize / scale input pixels,
 * so that no resizing of the output is needed.
 */
public final class DiffusionSatSuperResolver implements SuperResolver {
    private final ControlNetPipeline pipeline;
    private final SamplerConfig sampler;
    private final String caption;
    private final float conditioningScale;

    /**
     * @param pipeline a 2D ControlNet pipeline taking the 10 Sentinel-2 channels
     * @param sampler steps, guidance and batch size (its height and width are not used)
     * @param caption the text prompt of every input
     * @param conditioningScale the ControlNet residuals' multiplier (upstream's {@code
     *     controlnet_conditioning_scale}, 1 by default)
     * @throws IllegalArgumentException when the pipeline takes other conditioning
     */
    public DiffusionSatSuperResolver(ControlNetPipeline pipeline, SamplerConfig sampler,
            String caption, float conditioningScale) {
        if (pipeline.shape().frames() != 1 || pipeline.shape().channels() != 10) {
            throw new IllegalArgumentException("super-resolution needs a 2D ControlNet of 10"
                    + " channels; the checkpoint's takes " + pipeline.shape());
        }
        this.pipeline = pipeline;
        this.sampler = sampler;
        this.caption = caption;
        this.conditioningScale = conditioningScale;
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
        List<float[][]> generated = pipeline.generate(requests, sampler, seeds::get,
                conditioningScale);
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
        if (input.metadata() == null) {
            throw new TileException(input.tileId(), "the DiffusionSat model needs lon, lat, gsd"
                    + " and datetime in the catalogue");
        }
        if (input.width() != input.height()) {
            throw new IllegalArgumentException(input.tileId() + ": input " + input.width() + "x"
                    + input.height() + " is not square; run the model through"
                    + " WindowedSuperResolver");
        }
        int side = pipeline.shape().conditioningSize();
        float[][] condition = ResizeCentreCrop.square(side).apply(input.channels(),
                input.width(), input.height());
        SuperResolutionMetadata metadata = SuperResolutionMetadata.of(placed(input),
                input.width(), pipeline.shape().outputSize(), input.degradation());
        return new ConditionalRequest(itemId, caption, metadata.target(),
                new float[][][] {condition}, new float[][] {metadata.conditioning()}, side, side);
    }

    /** The input's metadata at the centre of its own pixels, where its grid is known. */
    private static SatelliteMetadata placed(SuperResolutionInput input) {
        SatelliteMetadata tile = input.metadata();
        if (input.grid() == null || input.grid().crsWkt().isBlank()) {
            return tile;
        }
        double[] lonLat;
        try {
            lonLat = GridCentre.lonLat(input.grid());
        } catch (RuntimeException e) {
            throw new TileException(input.tileId(), "cannot place a window on the globe: "
                    + e.getMessage(), e);
        }
        return new SatelliteMetadata(lonLat[0], lonLat[1], tile.gsd(), tile.cloudCoverPercent(),
                tile.date());
    }
}
