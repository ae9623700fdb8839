package diffusionsat.superres;

import diffusionsat.io.TileException;
import diffusionsat.io.raster.GdalRasters;
import diffusionsat.io.raster.GeoTransform;
import diffusionsat.io.raster.GeoreferenceRules;
import diffusionsat.io.raster.Radiometry;
import diffusionsat.io.raster.RadiometryCheck;
import diffusionsat.io.raster.Raster;
import diffusionsat.io.raster.RasterHeader;
import diffusionsat.io.raster.RasterReader;
import diffusionsat.io.raster.RasterSizeLimit;
import diffusionsat.io.raster.ReflectanceEncoding;
import diffusionsat.io.raster.Sentinel2Preprocessing;
import diffusionsat.io.storage.Storage;
import diffusionsat.metrics.PixelSpread;
import diffusionsat.sampling.SatelliteMetadata;
import diffusionsat.sampling.TileSeeds;
import diffusionsat.spark.TileRef;
import java.util.ArrayList;
import java.util.List;

/**
 * Super-resolves one catalogue tile whole, end to end, without Spark: read (GDAL) → channels →
 * {@link SuperResolver} → georeferenced COG and the uncertainty COG of several seeds' samples →
 * metrics against the target or by Wald's protocol. Only uncertainty runs take this path (their
 * samples are needed at once); every other run goes chunk by chunk ({@link ChunkProcessor}).
 */
public final class SuperResolutionProcessor {
    private static final List<String> RGB_NAMES = List.of("R", "G", "B");
    private static final List<String> SPREAD_NAMES = List.of("R std", "G std", "B std");

    private final SuperResolver resolver;
    private final SuperResolutionSettings settings;
    private final Storage storage;
    private final TileSeeds seeds;

    public SuperResolutionProcessor(SuperResolver resolver, SuperResolutionSettings settings,
            Storage storage) {
        this.resolver = resolver;
        this.settings = settings;
        this.storage = storage;
        this.seeds = new TileSeeds(settings.runSeed());
    }

    /** Where a tile's COG goes. */
    public String outputUri(String tileId) {
        return settings.outputUri(tileId);
    }

    public long seed(String tileId) {
        return seeds.forTile(tileId);
    }

    /**
     * Processes one tile. Data problems surface as {@link TileException} naming the tile; the
     * caller records them, {@link #discard}s the tile's files and goes on. The files are
     * written last, after every check that can fail the tile.
     */
    public SuperResolvedTile process(TileRef tile, String inputUri, String targetUri) {
        tile.validate(settings.metadataRequiredBy());
        Raster raster = namedByCatalogue(tile, readWhole(tile.id(), inputUri));
        settings.requirePosition(tile.id(), inputUri, raster.transform());
        if (!tile.bands().isEmpty() && tile.bands().size() != raster.bands().length) {
            throw new TileException(tile.id(), inputUri + " has " + raster.bands().length
                    + " bands where the catalogue lists " + tile.bands().size() + " "
                    + tile.bands());
        }
        int scale = settings.scale();
        RasterSizeLimit.check(tile.id(), outputUri(tile.id()), (long) raster.width() * scale,
                (long) raster.height() * scale, RGB_NAMES.size(), storage.maxPixels());
        Radiometry radiometry = tile.radiometryOr(settings.radiometry());
        RadiometryCheck.require(tile.id(), raster, radiometry, tile.radiometrySetting());
        TileChannels channels = TileChannels.of(tile.id(), raster, resolver.inputChannels(),
                radiometry, settings.maxNoDataFraction());
        SatelliteMetadata metadata = tile.satelliteMetadata().orElse(null);
        List<float[][]> samples = samples(tile.id(), channels, metadata);
        float[][] rgb = samples.get(0);
        channels.maskOutput(rgb, scale);
        float[][] spread = null;
        Double uncertainty = null;
        if (settings.uncertainty()) {
            spread = PixelSpread.standardDeviation(samples);
            channels.maskOutput(spread, scale);
            double mean = PixelSpread.mean(spread);
            uncertainty = Double.isNaN(mean) ? null : mean;
        }
        TileMetrics metrics = metrics(tile.id(), targetUri, channels, metadata, rgb,
                raster.width() * scale, raster.height() * scale);
        writeCog(raster, encoded(rgb), RGB_NAMES, outputUri(tile.id()),
                settings.scenes().outputType());
        if (spread != null) {
            writeCog(raster, spread, SPREAD_NAMES, settings.uncertaintyUri(tile.id()),
                    ReflectanceEncoding.FLOAT32);
        }
        return new SuperResolvedTile(metrics, uncertainty,
                settings.uncertainty() ? settings.uncertaintyUri(tile.id()) : null);
    }

    /** Deletes whatever a failed attempt at the tile left under its output names. */
    public void discard(String tileId) {
        storage.delete(outputUri(tileId));
        storage.delete(settings.uncertaintyUri(tileId));
    }

    /**
     * The raster with the catalogue's band names where the file names none and the catalogue
     * has them from its collection's configuration ({@code catalog.collections}).
     */
    private static Raster namedByCatalogue(TileRef tile, Raster raster) {
        return CatalogueBandNames.of(tile, raster.bandNames())
                .map(names -> new Raster(raster.width(), raster.height(), names, raster.bands(),
                        raster.transform(), raster.crsWkt(), raster.noData()))
                .orElse(raster);
    }

    /**
     * The whole tile, which the uncertainty map's several samples need at once: only a tile of
     * one chunk ({@code superres.chunkSize}) is read so.
     */
    private Raster readWhole(String tileId, String inputUri) {
        try (RasterReader reader = RasterReader.open(tileId, inputUri, storage)) {
            RasterHeader header = reader.header();
            int chunkSize = settings.scenes().chunkSize();
            if (header.width() > chunkSize || header.height() > chunkSize) {
                throw new TileException(tileId, header.width() + "x" + header.height() + " px"
                        + " is more than one chunk (superres.chunkSize " + chunkSize + "):"
                        + " uncertainty maps (superres.uncertaintySamples) need a scene of one"
                        + " chunk");
            }
            return reader.readAll();
        }
    }

    /**
     * The tile's sample with its own seed, then, for the uncertainty map, one per further seed
     * ({@code <tile id>#<k>}), each with every pixel the model made.
     */
    private List<float[][]> samples(String tileId, TileChannels channels,
            SatelliteMetadata metadata) {
        List<float[][]> out = new ArrayList<>(settings.uncertaintySamples());
        out.add(resolver.superResolve(channels.input(seed(tileId), metadata), settings.scale()));
        for (int k = 1; k < settings.uncertaintySamples(); k++) {
            long extra = seeds.forTile(tileId + "#" + k);
            out.add(resolver.superResolve(channels.input(extra, metadata), settings.scale()));
        }
        return out;
    }

    /**
     * Three planes on the input's grid refined by the scale (rotated, sheared or non-square
     * alike); an input without a geotransform gives an output without one, never an invented
     * position. The planes hold stored values of {@code encoding}.
     */
    private void writeCog(Raster input, float[][] planes, List<String> names, String uri,
            ReflectanceEncoding encoding) {
        int scale = settings.scale();
        GeoTransform grid = GeoreferenceRules.isMissing(input.transform()) ? input.transform()
                : input.transform().scaled(scale);
        Raster output = new Raster(input.width() * scale, input.height() * scale, names,
                planes, grid, input.crsWkt(), encoding.noData());
        GdalRasters.writeCog(output, uri, storage, encoding.dataType());
    }

    /** The RGB output as {@code superres.outputType} stores it; metrics keep the floats. */
    private float[][] encoded(float[][] rgb) {
        float[][] out = new float[rgb.length][];
        for (int c = 0; c < rgb.length; c++) {
            out[c] = settings.scenes().outputType().storedAsFloats(rgb[c]);
        }
        return out;
    }

    private TileMetrics metrics(String tileId, String targetUri, TileChannels channels,
            SatelliteMetadata metadata, float[][] rgb, int width, int height) {
        if (targetUri != null) {
            if (width < ImageComparison.minSide() || height < ImageComparison.minSide()) {
                throw new TileException(tileId, "output " + width + "x" + height + " too small"
                        + " to compare with its target: SSIM needs " + ImageComparison.minSide()
                        + " px a side");
            }
            Raster target = GdalRasters.read(tileId, targetUri, storage);
            float[][] targetRgb = new Sentinel2Preprocessing(settings.radiometry())
                    .rgb(tileId, target);
            boolean[] missing = target.missingMask(); // nodata is excluded, not scored as 0
            for (float[] plane : targetRgb) {
                for (int i = 0; i < plane.length; i++) {
                    plane[i] = missing[i] ? Float.NaN : plane[i];
                }
            }
            return settings.comparison().compare("target", rgb, width, height, targetRgb,
                    target.width(), target.height());
        }
        return settings.wald() ? new WaldProtocol(resolver, settings.scale(),
                settings.comparison()).score(tileId, channels, metadata, seed(tileId)) : null;
    }
}
