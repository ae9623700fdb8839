package diffusionsat.spark;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import diffusionsat.io.raster.GeoTransform;
import diffusionsat.io.raster.OverviewLevels;
import diffusionsat.io.raster.RasterWindow;
import diffusionsat.io.raster.ReflectanceEncoding;
import diffusionsat.io.raster.TiledGeoTiffWriter;
import diffusionsat.io.storage.Storage;
import diffusionsat.job.config.ConfigLoader;
import diffusionsat.job.config.JobConfigs;
import diffusionsat.sampling.SamplingInfo;
import diffusionsat.superres.ChunkOutcome;
import diffusionsat.superres.SceneChunk;
import diffusionsat.superres.SuperResolutionSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.util.LongAccumulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SceneAssemblyFn} counts a scene as done only after its assembly: the scenes-done
 * accumulator is still 0 while the COG is written, and reaches 1 once it is published (or once
 * a failed scene is recorded).
 */
class SceneAssemblyFnTest {
    private static final int CHUNK = 64;
    private static final int SCALE = 2;

    @Test
    void aSceneCountsAsDoneOnlyOnceItsCogIsPublished(@TempDir Path dir) {
        SuperResolutionSettings settings = settings(dir);
        Path cog = Path.of(settings.outputUri("scene"));
        CountWatcher done = new CountWatcher(cog);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            SceneChunk chunk = new SceneChunk(i, 2, new RasterWindow(i * CHUNK, 0, CHUNK, CHUNK));
            writePart(Path.of(settings.scenes().partUri("scene", i)), chunk);
            long pixels = (long) CHUNK * CHUNK * SCALE * SCALE;
            rows.add(withSchema(ChunkRows.done("scene", chunk, new ChunkOutcome(0, pixels, null,
                    0), 10, 0, true)));
        }

        Row scene = new SceneAssemblyFn(settings, Storage.local(), SamplingInfo.baseline("bicubic"), done)
                .call("scene", rows.iterator());

        assertAll(
                () -> assertEquals(ResultRows.OK, status(scene)),
                () -> assertTrue(Files.exists(cog)),
                () -> assertEquals(1L, done.value()),
                () -> assertEquals(List.of(true), done.cogExistedAtEachAdd,
                        "counted after the COG was published, not before the assembly"));
    }

    @Test
    void aSceneWithAFailedChunkCountsOnceAndGetsNoCog(@TempDir Path dir) {
        SuperResolutionSettings settings = settings(dir);
        Path cog = Path.of(settings.outputUri("scene"));
        CountWatcher done = new CountWatcher(cog);
        SceneChunk chunk = new SceneChunk(0, 1, new RasterWindow(0, 0, CHUNK, CHUNK));
        Row failed = withSchema(ChunkRows.failed("scene", chunk, "TileReadException",
                "truncated strip", 10, 0, true));

        Row scene = new SceneAssemblyFn(settings, Storage.local(), SamplingInfo.baseline("bicubic"), done)
                .call("scene", List.of(failed).iterator());

        assertAll(
                () -> assertEquals(ResultRows.FAILED, status(scene)),
                () -> assertFalse(Files.exists(cog)),
                () -> assertEquals(1L, done.value()));
    }

    private static SuperResolutionSettings settings(Path dir) {
        return JobConfigs.superres(ConfigLoader.load(List.of(), List.of(
                "superres.scale=" + SCALE, "superres.chunkSize=" + CHUNK)),
                dir.resolve("tiles").toString());
    }

    /** A chunk's part as the chunk task writes it: its output window, with overviews. */
    private static void writePart(Path file, SceneChunk chunk) {
        try {
            Files.createDirectories(file.getParent());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        RasterWindow out = chunk.core().scaled(SCALE);
        float[] values = new float[out.width() * out.height()];
        Arrays.fill(values, 0.25f + 0.5f * chunk.index());
        GeoTransform grid = new GeoTransform(500000 + out.x() * 5.0, 5, 0, 5000000, 0, -5);
        try (TiledGeoTiffWriter writer = TiledGeoTiffWriter.create(file, out.width(),
                out.height(), List.of("R", "G", "B"), grid, "", ReflectanceEncoding.FLOAT32,
                OverviewLevels.count(2L * out.width(), out.height()))) {
            writer.write(new RasterWindow(0, 0, out.width(), out.height()),
                    new float[][] {values, values, values});
        }
    }

    private static String status(Row scene) {
        return scene.getString(ResultRows.WITH_CHUNKS.fieldIndex("status"));
    }

    private static Row withSchema(Row row) {
        Object[] values = new Object[row.length()];
        for (int i = 0; i < values.length; i++) {
            values[i] = row.get(i);
        }
        return new GenericRowWithSchema(values, ChunkRows.DONE);
    }

    /** A real accumulator that also notes, at each add, whether the scene's COG exists. */
    private static final class CountWatcher extends LongAccumulator {
        private final transient Path cog;
        private final List<Boolean> cogExistedAtEachAdd = new ArrayList<>();

        CountWatcher(Path cog) {
            this.cog = cog;
        }

        @Override
        public void add(long v) {
            cogExistedAtEachAdd.add(Files.exists(cog));
            super.add(v);
        }
    }
}
