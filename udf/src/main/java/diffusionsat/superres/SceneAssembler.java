package diffusionsat.superres;

import diffusionsat.io.TileException;
import diffusionsat.io.raster.CogAssembler;
import diffusionsat.io.storage.OutputNames;
import diffusionsat.io.storage.Storage;
import diffusionsat.io.raster.RasterWindow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Publishes a scene once all its chunks are done: the scene's nodata rule over all chunks, the
 * chunks' metrics merged, the parts mosaicked into the scene's one COG under its final name
 * ({@link CogAssembler}), and the parts removed. A scene with a failed chunk gets no COG.
 */
public final class SceneAssembler {
    private static final List<String> RGB_NAMES = List.of("R", "G", "B");

    private final SuperResolutionSettings settings;
    private final Storage storage;

    public SceneAssembler(SuperResolutionSettings settings, Storage storage) {
        this.settings = settings;
        this.storage = storage;
    }

    /**
     * Assembles the scene from every chunk and its outcome (same order, chunk 0 first: the part
     * at the origin georeferences the mosaic) and returns its merged
     * metrics (null when it has none).
     *
     * @throws TileException when the scene has more nodata than {@code io.maxNoDataFraction}
     */
    public TileMetrics assemble(String tileId, List<SceneChunk> chunks,
            List<ChunkOutcome> outcomes) {
        long missing = 0;
        long pixels = 0;
        WeightedMetrics metrics = new WeightedMetrics();
        for (ChunkOutcome chunk : outcomes) {
            missing += chunk.missingPixels();
            pixels += chunk.pixels();
            metrics.add(chunk.metrics(), chunk.metricPixels());
        }
        TileChannels.requireCoverage(tileId, missing, pixels, settings.maxNoDataFraction());
        int scale = settings.scale();
        List<CogAssembler.Part> parts = new ArrayList<>(chunks.size());
        int width = 0;
        int height = 0;
        for (SceneChunk chunk : chunks) {
            RasterWindow out = chunk.core().scaled(scale);
            parts.add(new CogAssembler.Part(settings.scenes().partUri(tileId,
                    chunk.index()), out));
            width = Math.max(width, out.endX());
            height = Math.max(height, out.endY());
        }
        CogAssembler.assemble(parts, width, height, RGB_NAMES, Map.of(),
                settings.outputUri(tileId), storage);
        // Kept when the store fails, so that the task's retry finds them.
        storage.delete(settings.scenes().sceneParts(tileId));
        return metrics.result();
    }

    /**
     * Removes what a failed scene left: its parts, and any COG under its name from an earlier
     * attempt (DESIGN.md §6). An id that names no file (refused before planning) has none.
     */
    public void discard(String tileId) {
        if (OutputNames.problem(tileId).isPresent()) {
            return;
        }
        storage.delete(settings.scenes().sceneParts(tileId));
        storage.delete(settings.outputUri(tileId));
    }
}
