package diffusionsat.sequence;

import diffusionsat.io.ConfigException;
import diffusionsat.io.TileException;
import diffusionsat.io.raster.GdalRasters;
import diffusionsat.io.raster.NoData;
import diffusionsat.io.raster.Raster;
import diffusionsat.io.raster.RasterDataType;
import diffusionsat.io.raster.UtmGrid;
import diffusionsat.io.storage.ItemOutputs;
import diffusionsat.io.storage.OutputNames;
import diffusionsat.io.storage.Storage;
import diffusionsat.sampling.ConditionalGenerator;
import diffusionsat.sampling.ConditionalRequest;
import diffusionsat.sampling.DiffusionSatPipeline;
import diffusionsat.sampling.GeneratedImage;
import diffusionsat.sampling.InvalidMetadataException;
import diffusionsat.sampling.SampleRequest;
import diffusionsat.sampling.SatelliteMetadata;
import diffusionsat.sampling.TileSeeds;
import diffusionsat.temporal.Planes;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Auto-regressive temporal generation (DIFFUSIONSAT.md §4.2): a seed image from caption and
 * metadata (single-image pipeline), then for each later date the 3D ControlNet conditioned on the
 * most recent images (real seed or generated) with their dates as conditioning metadata and the
 * new date as target metadata; every output joins the conditioning set. Upstream has no script
 * for this, so window and order are ours: the last {@code window} images in time order, padded
 * with copies of the earliest to T. All images share one grid: the UTM zone of the centre, pixel
 * = the request's GSD ({@link UtmGrid}).
 */
public final class AutoRegressiveSequence {
    private static final List<String> RGB_NAMES = List.of("R", "G", "B");
    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);

    private final DiffusionSatPipeline seedPipeline;
    private final ConditionalGenerator generator;
    private final SequenceSettings settings;
    private final Storage storage;
    private final TileSeeds seeds;
    private final int window;

    public AutoRegressiveSequence(DiffusionSatPipeline seedPipeline,
            ConditionalGenerator generator, SequenceSettings settings, Storage storage) {
        if (generator.channels() != 3) {
            throw new ConfigException("model.checkpoint", settings.model().checkpoint(),
                    "its ControlNet takes " + generator.channels() + " channels; sequences"
                    + " condition on RGB images (3)");
        }
        if (generator.outputSize() != settings.sampler().height()) {
            throw new IllegalStateException("ControlNet output " + generator.outputSize()
                    + " px differs from sampler.height " + settings.sampler().height());
        }
        this.seedPipeline = seedPipeline;
        this.generator = generator;
        this.settings = settings;
        this.storage = storage;
        this.seeds = new TileSeeds(settings.runSeed());
        this.window = settings.window() == 0 ? generator.frames()
                : Math.min(settings.window(), generator.frames());
    }

    /**
     * One generated image.
     *
     * @param step 0 for the seed image, k for the k-th later date
     * @param conditioningIds the images it was conditioned on, padding included (none for the seed)
     * @param padded how many of those are copies
     */
    public record Image(String id, Instant date, int step, String href, List<String>
            conditioningIds, int padded) {}

    /** The id of the image of {@code request} at {@code date}: {@code <id>_<yyyyMMdd>}. */
    public static String imageId(String requestId, Instant date) {
        return requestId + "_" + DAY.format(date);
    }

    /** Whether the networks run item by item ({@code sampler.batchInvariant} on this device). */
    public boolean batchInvariant() {
        return generator.batchInvariant(settings.sampler());
    }

    public long seed(String imageId) {
        return seeds.forTile(imageId);
    }

    /**
     * Generates and writes every image of one request; a {@link TileException} (naming it) when
     * its metadata cannot condition the model, before any image is made. Any failure at a later
     * date deletes the request's images already written.
     */
    public List<Image> generate(SeedRequest request, SequenceDates dates) {
        List<float[]> metadata = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (Instant date : dates.dates()) {
            metadata.add(metadata(request, date));
            ids.add(imageId(request.id(), date));
        }
        // A failure at any date removes the images already written: a sequence is whole or absent.
        return ItemOutputs.writeAll(storage, ids.stream().map(this::outputUri).toList(),
                () -> generate(request, dates, metadata, ids));
    }

    /** Where the image {@code id} goes. */
    public String outputUri(String id) {
        return settings.tilesFolder() + "/" + OutputNames.fileName(id, ".tif");
    }

    private List<Image> generate(SeedRequest request, SequenceDates dates,
            List<float[]> metadata, List<String> ids) {
        int size = settings.sampler().height();
        UtmGrid grid = UtmGrid.centredOn(request.lon(), request.lat(), request.gsd(), size, size);
        List<float[][]> history = new ArrayList<>();
        List<Image> images = new ArrayList<>();
        history.add(seedImage(request, ids.get(0), dates.dates().get(0)));
        images.add(write(request, grid, ids.get(0), dates.dates().get(0), 0, history.get(0),
                List.of(), 0));
        int cond = generator.conditioningSize();
        for (int k = 1; k < ids.size(); k++) {
            int from = Math.max(0, k - window);
            List<Integer> chosen = new ArrayList<>();
            for (int i = from; i < k; i++) {
                chosen.add(i);
            }
            int padded = generator.frames() - chosen.size();
            for (int p = 0; p < padded; p++) {
                chosen.add(0, from); // copies of the earliest keep the time order
            }
            float[][][] frames = new float[chosen.size()][][];
            float[][] frameMetadata = new float[chosen.size()][];
            for (int t = 0; t < chosen.size(); t++) {
                frames[t] = Planes.conditioning(history.get(chosen.get(t)), size, size, cond);
                frameMetadata[t] = metadata.get(chosen.get(t));
            }
            float[][] next = Planes.clamped(generator.generate(List.of(new ConditionalRequest(
                    ids.get(k), request.caption(), metadata.get(k), frames, frameMetadata, cond,
                    cond)), settings.sampler()).get(0));
            history.add(next);
            images.add(write(request, grid, ids.get(k), dates.dates().get(k), k, next,
                    chosen.stream().map(ids::get).toList(), padded));
        }
        return images;
    }

    private float[][] seedImage(SeedRequest request, String id, Instant date) {
        SatelliteMetadata metadata = new SatelliteMetadata(request.lon(), request.lat(),
                request.gsd(), 0, date.atZone(ZoneOffset.UTC).toLocalDate());
        GeneratedImage image = seedPipeline.sample(List.of(new SampleRequest(id,
                request.caption(), metadata, seed(id))), settings.sampler()).get(0);
        int pixels = image.width() * image.height();
        float[][] planes = new float[3][pixels];
        for (int p = 0; p < pixels; p++) {
            for (int c = 0; c < 3; c++) {
                planes[c][p] = (image.rgb()[p * 3 + c] & 0xff) / 255f; // (H, W, 3) -> 3 planes
            }
        }
        return planes;
    }

    private Image write(SeedRequest request, UtmGrid grid, String id, Instant date, int step,
            float[][] rgb, List<String> conditioningIds, int padded) {
        int size = settings.sampler().height();
        String href = outputUri(id);
        GdalRasters.writeCog(new Raster(size, size, RGB_NAMES, rgb, grid.transform(),
                grid.crsWkt(), new NoData.None()), href, storage, RasterDataType.FLOAT32, Map.of(
                        "DIFFUSIONSAT_SEQUENCE", request.id(),
                        "DIFFUSIONSAT_DATETIME", date.toString(),
                        "DIFFUSIONSAT_CONDITIONING", String.join(",", conditioningIds)));
        return new Image(id, date, step, href, conditioningIds, padded);
    }

    private static float[] metadata(SeedRequest request, Instant date) {
        try {
            return new SatelliteMetadata(request.lon(), request.lat(), request.gsd(), 0,
                    date.atZone(ZoneOffset.UTC).toLocalDate()).normalized();
        } catch (InvalidMetadataException e) {
            throw new TileException(request.id(), e.getMessage(), e);
        }
    }
}
