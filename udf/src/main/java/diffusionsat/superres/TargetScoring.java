package diffusionsat.superres;

import diffusionsat.io.raster.Radiometry;
import diffusionsat.io.raster.Raster;
import diffusionsat.io.raster.RasterReader;
import diffusionsat.io.raster.RasterWindow;
import diffusionsat.io.raster.ReflectanceEncoding;
import diffusionsat.io.raster.Sentinel2Preprocessing;
import diffusionsat.io.storage.Storage;
import java.nio.file.Path;
import java.util.List;

/**
 * Scores a chunk's written output against the high-res target block by block: each block of
 * output rows is read back from the chunk's part and compared ({@link ImageComparison}) with the
 * target window over the same ground, so neither image is ever held whole. The blocks' metrics
 * merge pixel-weighted ({@link WeightedMetrics}); an output of one block is scored exactly as a
 * whole tile.
 */
final class TargetScoring {
    /** Output rows per block: 1024 rows of a 8192-px-wide chunk are 100 MB per image. */
    private static final int BLOCK_ROWS = 1024;
    private static final List<String> RGB = List.of("R", "G", "B");

    private final Storage storage;
    private final Radiometry radiometry;
    private final ImageComparison comparison;

    TargetScoring(Storage storage, Radiometry radiometry, ImageComparison comparison) {
        this.storage = storage;
        this.radiometry = radiometry;
        this.comparison = comparison;
    }

    /**
     * @param part the chunk's local part, covering {@code outCore} of the scene's output grid
     * @param sceneOut the scene's whole output grid, which the target covers
     */
    WeightedMetrics score(String tileId, String targetUri, Path part,
            ReflectanceEncoding encoding, RasterWindow outCore, RasterWindow sceneOut) {
        WeightedMetrics merged = new WeightedMetrics();
        try (RasterReader output = RasterReader.open(tileId, part.toString(),
                        Storage.local().withMaxPixels(storage.maxPixels()));
                RasterReader target = RasterReader.open(tileId, targetUri, storage)) {
            List<String> targetBands = TileChannels.bandsToRead(tileId,
                    target.header().bandNames(), SuperResolver.InputChannels.RGB);
            for (int y = 0; y < outCore.height(); y += BLOCK_ROWS) {
                RasterWindow block = new RasterWindow(0, y, outCore.width(),
                        Math.min(BLOCK_ROWS, outCore.height() - y));
                float[][] rgb = output.read(block, RGB).bands();
                for (float[] plane : rgb) {
                    encoding.decodeInPlace(plane);
                }
                RasterWindow ground = new RasterWindow(outCore.x(), outCore.y() + y,
                        block.width(), block.height());
                RasterWindow onTarget = onTarget(ground, sceneOut, target.header().width(),
                        target.header().height());
                Raster targetBlock = target.read(onTarget, targetBands);
                float[][] targetRgb = new Sentinel2Preprocessing(radiometry).rgb(tileId,
                        targetBlock);
                merged.add(comparison.compare("target", rgb, block.width(),
                        block.height(), targetRgb, onTarget.width(), onTarget.height()),
                        block.pixels());
            }
        }
        return merged;
    }

    /** The target pixels over the ground of {@code window} (scene output grid), at least one. */
    private static RasterWindow onTarget(RasterWindow window, RasterWindow sceneOut,
            int targetWidth, int targetHeight) {
        int x0 = Math.min(targetWidth - 1, along(window.x(), sceneOut.width(), targetWidth));
        int y0 = Math.min(targetHeight - 1, along(window.y(), sceneOut.height(), targetHeight));
        int x1 = Math.max(x0 + 1, along(window.endX(), sceneOut.width(), targetWidth));
        int y1 = Math.max(y0 + 1, along(window.endY(), sceneOut.height(), targetHeight));
        return new RasterWindow(x0, y0, Math.min(targetWidth, x1) - x0,
                Math.min(targetHeight, y1) - y0);
    }

    private static int along(int position, int length, int targetLength) {
        return (int) Math.min(targetLength, Math.round(position * (double) targetLength / length));
    }
}
