package diffusionsat.inpaint;

import diffusionsat.io.TileException;
import diffusionsat.io.raster.GdalRasters;
import diffusionsat.io.raster.GeoTransform;
import diffusionsat.io.raster.GeoreferenceRules;
import diffusionsat.io.raster.NoData;
import diffusionsat.io.raster.PixelGrid;
import diffusionsat.io.raster.Radiometry;
import diffusionsat.io.raster.RadiometryCheck;
import diffusionsat.io.raster.Raster;
import diffusionsat.io.raster.RasterDataType;
import diffusionsat.io.raster.Resampling;
import diffusionsat.io.raster.ResizeCentreCrop;
import diffusionsat.io.raster.Sentinel2Preprocessing;
import diffusionsat.io.storage.OutputNames;
import diffusionsat.io.storage.Storage;
import diffusionsat.sampling.ConditionalGenerator;
import diffusionsat.sampling.ConditionalRequest;
import diffusionsat.sampling.TileSeeds;
import diffusionsat.spark.TileRef;
import diffusionsat.temporal.ConditioningRead;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Generates a batch of inpaint requests without Spark: read the target and its conditioning
 * rasters (GDAL; conditioning rasters straight at the conditioning resolution, {@link
 * ConditioningRead}) → RGB in [0, 1] made into the ControlNet's conditioning images by upstream's
 * rule (shorter edge resized, centre cropped) → one {@link
 * ConditionalGenerator} call for the batch → each image resized back onto the window of the
 * target's grid it shows (all of a square target, the centre of a non-square one; pixels outside
 * it are NaN, nodata) → for cloud in-fill, only the masked pixels replaced → georeferenced COG.
 * A request's data problem fails that request only.
 */
public final class InpaintProcessor {
    private static final Logger log = LoggerFactory.getLogger(InpaintProcessor.class);
    private static final List<String> RGB_NAMES = List.of("R", "G", "B");

    private final ConditionalGenerator generator;
    private final InpaintSettings settings;
    private final Storage storage;
    private final String catalogUri;
    private final TileSeeds seeds;

    /**
     * @param catalogUri hrefs in requests are relative to it
     */
    public InpaintProcessor(ConditionalGenerator generator, InpaintSettings settings,
            Storage storage, String catalogUri) {
        this.generator = generator;
        this.settings = settings;
        this.storage = storage;
        this.catalogUri = catalogUri;
        this.seeds = new TileSeeds(settings.runSeed());
    }

    /** Where a request's COG goes. */
    public String outputUri(String id) {
        return settings.tilesFolder() + "/" + OutputNames.fileName(id, ".tif");
    }

    /** Whether the networks run item by item ({@code sampler.batchInvariant} on this device). */
    public boolean batchInvariant() {
        return generator.batchInvariant(settings.sampler());
    }

    /** The seed of a request's noise (the generator seeds it the same way). */
    public long seed(String id) {
        return seeds.forTile(id);
    }

    /** Processes {@code requests} as one batch on the device; one outcome per request, in order. */
    public List<InpaintOutcome> process(List<InpaintRequest> requests) {
        List<InpaintOutcome> outcomes = new ArrayList<>();
        List<Prepared> prepared = new ArrayList<>();
        for (InpaintRequest request : requests) {
            try {
                prepared.add(prepare(request));
                outcomes.add(null); // filled once generated
            } catch (TileException e) {
                outcomes.add(failed(request.id(), e));
            }
        }
        List<float[][]> images = prepared.isEmpty() ? List.of() : generator.generate(
                prepared.stream().map(Prepared::conditional).toList(), settings.sampler());
        int next = 0;
        for (int i = 0; i < outcomes.size(); i++) {
            if (outcomes.get(i) != null) {
                continue;
            }
            Prepared item = prepared.get(next);
            float[][] image = images.get(next++);
            try {
                outcomes.set(i, finish(item, image));
            } catch (TileException e) {
                outcomes.set(i, failed(item.request().id(), e));
            }
        }
        return outcomes;
    }

    /**
     * A failed request, whose output name holds nothing afterwards: not even the COG of an
     * earlier attempt of this run (DESIGN.md §6). A store that cannot delete fails the task.
     */
    private InpaintOutcome failed(String id, TileException e) {
        log.warn("{}", e.getMessage());
        if (OutputNames.problem(id).isEmpty()) {
            storage.delete(outputUri(id));
        }
        return InpaintOutcome.failed(id, e);
    }

    /** A request read and laid out for the generator; the mask is null for xBD. */
    private record Prepared(InpaintRequest request, Raster target, float[][] observed,
            CloudMask mask, ConditionalRequest conditional) {}

    private Prepared prepare(InpaintRequest request) {
        String id = request.id();
        request.target().validate(null);
        Raster target = read(request.target());
        CloudMask mask = settings.task() == InpaintTask.CLOUDS
                ? CloudMask.read(request, settings, storage, catalogUri, target) : null;
        int frames = generator.frames();
        if (request.conditions().size() < frames) {
            throw new TileException(id, "the model takes " + frames + " conditioning images;"
                    + " the catalogue has " + request.conditions().size());
        }
        // The nearest ones, in time order (the order the ControlNet's frames have in training).
        List<TileRef> chosen = new ArrayList<>(request.conditions().subList(0, frames));
        chosen.sort(Comparator.comparing(TileRef::datetime,
                Comparator.nullsFirst(Comparator.naturalOrder())));
        PixelGrid grid = PixelGrid.of(target);
        int side = generator.conditioningSize();
        float[][][] planes = new float[frames][][];
        float[][] metadata = new float[frames][];
        for (int t = 0; t < frames; t++) {
            TileRef condition = chosen.get(t);
            ConditioningRead read = readConditioning(condition, side);
            grid.requireSameGrid(id, "conditioning image " + condition.id(), read.grid(),
                    "image " + id);
            planes[t] = read.conditioning(rgb(condition, read.resized()), side);
            metadata[t] = ModelMetadata.of(condition, read.grid().width(), read.grid().height(),
                    side, null, settings.missingMetadata());
        }
        // Cloud in-fill asks for the date as it looks without clouds.
        Double cloud = settings.task() == InpaintTask.CLOUDS ? Double.valueOf(0) : null;
        float[] targetMetadata = ModelMetadata.of(request.target(), target.width(),
                target.height(), generator.outputSize(), cloud, settings.missingMetadata());
        return new Prepared(request, target, rgb(request.target(), target), mask,
                new ConditionalRequest(id, request.caption(),
                targetMetadata, planes, metadata, side, side));
    }

    private InpaintOutcome finish(Prepared item, float[][] image) {
        InpaintRequest request = item.request();
        Raster target = item.target();
        int size = generator.outputSize();
        int[] window = ResizeCentreCrop.square(size).sourceWindow(target.width(),
                target.height());
        float[][] rgb = onTarget(Resampling.resize(image, size, size, window[2], window[3],
                Resampling.Method.BILINEAR), window, target.width(), target.height());
        float[][] observed = item.observed();
        InpaintOutcome outcome;
        if (item.mask() != null) {
            log.debug("{}: filling {} of the pixels", request.id(), item.mask().cloudFraction());
            item.mask().fill(observed, rgb);
            rgb = observed; // clear pixels exactly as observed, cloudy ones generated
            outcome = InpaintOutcome.done(request.id(), null);
        } else {
            outcome = InpaintOutcome.done(request.id(), settings.comparison().compare("target",
                    rgb, target.width(), target.height(), observed, target.width(),
                    target.height()));
        }
        Raster output = new Raster(target.width(), target.height(), RGB_NAMES, rgb,
                target.transform(), target.crsWkt(), new NoData.Value(Float.NaN));
        GdalRasters.writeCog(output, outputUri(request.id()), storage, RasterDataType.FLOAT32,
                stretchTags(request.target(), target));
        return outcome;
    }

    /**
     * What a user needs to mosaic an output back onto its product (README "inpaint"): the
     * inverse of the display stretch per channel, and how the input stored its values.
     */
    private Map<String, String> stretchTags(TileRef tile, Raster raster) {
        Radiometry radiometry = tile.radiometryOr(settings.radiometry());
        List<String> inverse = new Sentinel2Preprocessing(radiometry).rgbInverse(raster);
        Map<String, String> tags = new LinkedHashMap<>();
        for (int c = 0; c < RGB_NAMES.size(); c++) {
            tags.put("DIFFUSIONSAT_STRETCH_" + RGB_NAMES.get(c), inverse.get(c));
        }
        tags.put("DIFFUSIONSAT_RADIOMETRY", radiometry.key() + " (" + tile.radiometrySetting()
                + ")");
        return tags;
    }

    /**
     * The tile's raster; a {@link TileException} when its geotransform breaks {@link
     * GeoreferenceRules#requireUsableOrAbsent} or its values are implausible for the tile's
     * radiometry (the catalogue's column, else {@code io.radiometry}: {@link RadiometryCheck}).
     */
    private Raster read(TileRef tile) {
        String uri = uriOf(tile);
        Raster raster = GdalRasters.read(tile.id(), uri, storage);
        requirePlausible(tile, uri, raster.transform(), raster);
        return raster;
    }

    /**
     * A conditioning image's tile read straight at the conditioning resolution ({@link
     * ConditioningRead}), checked as {@link #read} checks (its values at that resolution).
     */
    private ConditioningRead readConditioning(TileRef tile, int side) {
        String uri = uriOf(tile);
        ConditioningRead read = ConditioningRead.of(tile.id(), uri, storage, side);
        requirePlausible(tile, uri, read.grid().transform(), read.resized());
        return read;
    }

    private String uriOf(TileRef tile) {
        if (tile.href() == null || tile.href().isBlank()) {
            throw new TileException(tile.id(), "no raster href in the catalogue");
        }
        return storage.resolve(catalogUri, tile.href());
    }

    private void requirePlausible(TileRef tile, String uri, GeoTransform transform,
            Raster values) {
        GeoreferenceRules.requireUsableOrAbsent(tile.id(), uri, transform);
        RadiometryCheck.require(tile.id(), values, tile.radiometryOr(settings.radiometry()),
                tile.radiometrySetting());
    }

    /** RGB in [0, 1] of the tile's raster, read with the tile's radiometry. */
    private float[][] rgb(TileRef tile, Raster raster) {
        return new Sentinel2Preprocessing(tile.radiometryOr(settings.radiometry()))
                .rgb(tile.id(), raster);
    }

    /** Planes of {@code window}'s size placed at its place in a NaN image of the target's size. */
    private static float[][] onTarget(float[][] planes, int[] window, int width, int height) {
        if (window[2] == width && window[3] == height) {
            return planes;
        }
        float[][] out = new float[planes.length][width * height];
        for (int c = 0; c < planes.length; c++) {
            Arrays.fill(out[c], Float.NaN);
            for (int y = 0; y < window[3]; y++) {
                System.arraycopy(planes[c], y * window[2], out[c],
                        (window[1] + y) * width + window[0], window[2]);
            }
        }
        return out;
    }
}
