package diffusionsat.superres;

import diffusionsat.io.TileException;
import diffusionsat.io.raster.GdalRasters;
import diffusionsat.io.raster.NoData;
import diffusionsat.io.raster.Raster;
import diffusionsat.io.raster.RasterDataType;
import diffusionsat.io.raster.Sentinel2Preprocessing;
import diffusionsat.io.storage.Storage;
import diffusionsat.sampling.SatelliteMetadata;
import diffusionsat.sampling.TileSeeds;
import diffusionsat.spark.TileRef;
import java.util.List;
import java.util.Optional;

/**
 * Super-resolves one catalogue tile end to end, without Spark: read (GDAL) → channels → {@link
 * SuperResolver} → georeferenced COG → metrics against the target or by Wald's protocol.
 */
public final class SuperResolutionProcessor {
    private static final List<String> RGB_NAMES = List.of("R", "G", "B");

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
        return settings.tilesFolder() + "/" + tileId + ".tif";
    }

    public long seed(String tileId) {
        return seeds.forTile(tileId);
    }

    /**
     * Processes one tile. Data problems surface as {@link TileException} naming the tile; the
     * caller records them and goes on.
     */
    public Optional<TileMetrics> process(TileRef tile, String inputUri, String targetUri) {
        tile.validate(settings.requireMetadata());
        Raster raster = GdalRasters.read(tile.id(), inputUri, storage);
        if (!tile.bands().isEmpty() && tile.bands().size() != raster.bands().length) {
            throw new TileException(tile.id(), inputUri + " has " + raster.bands().length
                    + " bands where the catalogue lists " + tile.bands().size() + " "
                    + tile.bands());
        }
        TileChannels channels = TileChannels.of(tile.id(), raster, resolver.inputChannels(),
                settings.radiometry(), settings.maxNoDataFraction());
        int scale = settings.scale();
        SatelliteMetadata metadata = tile.satelliteMetadata().orElse(null);
        float[][] rgb = resolver.superResolve(channels.input(seed(tile.id()), metadata), scale);
        channels.maskOutput(rgb, scale);
        Raster output = new Raster(raster.width() * scale, raster.height() * scale, RGB_NAMES, rgb,
                raster.transform().scaled(scale), raster.crsWkt(), new NoData.Value(Float.NaN));
        GdalRasters.writeCog(output, outputUri(tile.id()), storage, RasterDataType.FLOAT32);

        if (targetUri != null) {
            Raster target = GdalRasters.read(tile.id(), targetUri, storage);
            float[][] targetRgb = new Sentinel2Preprocessing(settings.radiometry()).rgb(tile.id(), target);
            return Optional.of(ImageComparison.compare("target", rgb, output.width(),
                    output.height(), targetRgb, target.width(), target.height()));
        }
        if (settings.wald()) {
            return Optional.of(wald(tile.id(), channels, metadata));
        }
        return Optional.empty();
    }

    /**
     * Wald's protocol: degrade the observed RGB by the scale (pixel averages), super-resolve it
     * back, and compare with what was observed.
     */
    private TileMetrics wald(String tileId, TileChannels channels, SatelliteMetadata metadata) {
        int scale = settings.scale();
        int width = (channels.width() / scale) * scale;
        int height = (channels.height() / scale) * scale;
        if (width == 0 || height == 0) {
            throw new TileException(tileId, "too small (" + channels.width() + "x"
                    + channels.height() + ") for Wald's protocol at scale " + scale);
        }
        SuperResolutionInput degraded = channels.degraded(scale, seed(tileId), metadata);
        float[][] restored = resolver.superResolve(degraded, scale);
        return ImageComparison.compare("wald", restored, width, height,
                channels.rgbCropped(width, height), width, height);
    }
}
