package diffusionsat.superres;

import diffusionsat.io.TileException;
import diffusionsat.io.raster.GeoTransform;
import diffusionsat.io.raster.GeoreferenceRules;
import diffusionsat.io.raster.OverviewLevels;
import diffusionsat.io.raster.Radiometry;
import diffusionsat.io.raster.RadiometryCheck;
import diffusionsat.io.raster.Raster;
import diffusionsat.io.raster.RasterHeader;
import diffusionsat.io.raster.RasterReader;
import diffusionsat.io.raster.RasterWindow;
import diffusionsat.io.raster.TemporaryFiles;
import diffusionsat.io.raster.TiledGeoTiffWriter;
import diffusionsat.io.storage.Storage;
import diffusionsat.sampling.SatelliteMetadata;
import diffusionsat.spark.TileRef;
import java.nio.file.Path;
import java.util.List;

/**
 * Super-resolves one chunk of a scene, without Spark: a windowed read of the bands the model
 * needs over the chunk and its renderer's margin, the renderer's output streamed strip by strip
 * into a local tiled GeoTIFF (nodata input pixels masked to the output's nodata) with the scene's
 * overview levels, the chunk's metrics, then the part published for the scene's assembly. A chunk whose input is all nodata
 * is not rendered: its part reads as nodata.
 */
public final class ChunkProcessor {
    private static final List<String> RGB_NAMES = List.of("R", "G", "B");

    private final SuperResolver resolver;
    private final SuperResolutionSettings settings;
    private final Storage storage;

    public ChunkProcessor(SuperResolver resolver, SuperResolutionSettings settings,
            Storage storage) {
        this.resolver = resolver;
        this.settings = settings;
        this.storage = storage;
    }

    /**
     * The chunks of the scene at {@code inputUri}, read from its header.
     *
     * @param layout the resolver's {@link SuperResolvers#layout}
     */
    public static ScenePlan plan(String tileId, String inputUri, Storage storage,
            SuperResolutionSettings settings, ChunkLayout layout) {
        try (RasterReader reader = RasterReader.open(tileId, inputUri, storage)) {
            RasterHeader header = reader.header();
            return new ScenePlan(header.width(), header.height(),
                    new ChunkPlanner(settings.scenes().chunkSize())
                            .plan(header.width(), header.height(), layout));
        }
    }

    /**
     * Processes one chunk and publishes its part to {@link SceneSettings#partUri}. Data problems
     * surface as {@link TileException} naming the tile; the caller records them.
     */
    public ChunkOutcome process(TileRef tile, String inputUri, String targetUri,
            SceneChunk chunk, long seed) {
        tile.validate(settings.metadataRequiredBy());
        SatelliteMetadata metadata = tile.satelliteMetadata().orElse(null);
        try (RasterReader reader = RasterReader.open(tile.id(), inputUri, storage)) {
            CatalogueBandNames.of(tile, reader.header().bandNames()).ifPresent(reader::nameBands);
            RasterHeader header = reader.header();
            settings.requirePosition(tile.id(), inputUri, header.transform());
            if (!tile.bands().isEmpty() && tile.bands().size() != header.bandNames().size()) {
                throw new TileException(tile.id(), inputUri + " has " + header.bandNames().size()
                        + " bands where the catalogue lists " + tile.bands().size() + " "
                        + tile.bands());
            }
            ChunkRenderer renderer = resolver.renderer();
            RasterWindow core = chunk.core();
            RasterWindow region = renderer.region(core, header.width(), header.height());
            Raster raster = reader.read(region, TileChannels.bandsToRead(tile.id(),
                    header.bandNames(), resolver.inputChannels()));
            Radiometry radiometry = tile.radiometryOr(settings.radiometry());
            RadiometryCheck.require(tile.id(), raster, radiometry, tile.radiometrySetting());
            TileChannels channels = TileChannels.unchecked(tile.id(), raster,
                    resolver.inputChannels(), radiometry);
            RasterWindow coreInRegion = core.relativeTo(region);
            long missing = channels.missingIn(coreInRegion);
            if (chunk.count() == 1) {
                TileChannels.requireCoverage(tile.id(), missing, core.pixels(),
                        settings.maxNoDataFraction());
            }
            Path part = TemporaryFiles.create("diffusionsat-part-", ".tif", inputUri);
            try {
                write(part, header, core, missing == core.pixels() ? null
                        : channels.inScene(header.width(), header.height(), region, metadata,
                                seed), channels, region);
                WeightedMetrics metrics = missing == core.pixels() ? new WeightedMetrics()
                        : metrics(tile.id(), targetUri, part, header, core,
                                channels.cropped(coreInRegion), metadata, seed);
                storage.publish(part, settings.scenes().partUri(tile.id(), chunk.index()));
                return new ChunkOutcome(missing, core.pixels(), metrics.result(),
                        metrics.pixels());
            } finally {
                TemporaryFiles.deleteQuietly(part);
            }
        }
    }

    /** Renders the core into the part; {@code input} null leaves it all nodata. */
    private void write(Path part, RasterHeader header, RasterWindow core, RegionChannels input,
            TileChannels channels, RasterWindow region) {
        int scale = settings.scale();
        RasterWindow outCore = core.scaled(scale);
        // A raster without a geotransform gives an output without one, never an invented one.
        GeoTransform grid = GeoreferenceRules.isMissing(header.transform()) ? header.transform()
                : header.transformOf(core).scaled(scale);
        RasterWindow sceneOut = header.extent().scaled(scale);
        try (TiledGeoTiffWriter writer = TiledGeoTiffWriter.create(part, outCore.width(),
                outCore.height(), RGB_NAMES, grid, header.crsWkt(),
                settings.scenes().outputType(),
                OverviewLevels.count(sceneOut.width(), sceneOut.height()))) {
            if (input == null) {
                return;
            }
            resolver.renderer().render(input, core, scale, (strip, rgb) -> {
                maskMissing(strip, rgb, channels, region, scale);
                writer.write(strip.relativeTo(outCore), rgb);
            });
        }
    }

    /** Output pixels whose input pixel is nodata become NaN (the output's nodata). */
    private static void maskMissing(RasterWindow strip, float[][] rgb, TileChannels channels,
            RasterWindow region, int scale) {
        for (int y = 0; y < strip.height(); y++) {
            int inputY = (strip.y() + y) / scale - region.y();
            for (int x = 0; x < strip.width(); x++) {
                if (channels.missing((strip.x() + x) / scale - region.x(), inputY)) {
                    int i = y * strip.width() + x;
                    for (float[] plane : rgb) {
                        plane[i] = Float.NaN;
                    }
                }
            }
        }
    }

    private WeightedMetrics metrics(String tileId, String targetUri, Path part,
            RasterHeader header, RasterWindow core, TileChannels coreChannels,
            SatelliteMetadata metadata, long seed) {
        int scale = settings.scale();
        if (targetUri != null) {
            RasterWindow sceneOut = header.extent().scaled(scale);
            int minSide = ImageComparison.minSide();
            if (sceneOut.width() < minSide || sceneOut.height() < minSide) {
                throw new TileException(tileId, "output " + sceneOut.width() + "x"
                        + sceneOut.height() + " too small to compare with its target: SSIM"
                        + " needs " + minSide + " px a side");
            }
            return new TargetScoring(storage, settings.radiometry(), settings.comparison())
                    .score(tileId, targetUri, part, settings.scenes().outputType(),
                            core.scaled(scale), sceneOut);
        }
        WeightedMetrics wald = new WeightedMetrics();
        if (settings.wald()) {
            wald.add(new WaldProtocol(resolver, scale, settings.comparison()).score(tileId,
                    coreChannels, metadata, seed),
                    (long) (coreChannels.width() / scale) * (coreChannels.height() / scale));
        }
        return wald;
    }
}
