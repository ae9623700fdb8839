package diffusionsat.superres;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import diffusionsat.io.raster.GdalRasters;
import diffusionsat.io.raster.Radiometry;
import diffusionsat.io.raster.Raster;
import diffusionsat.io.raster.RasterWindow;
import diffusionsat.io.raster.Sentinel2Preprocessing;
import diffusionsat.io.storage.Storage;
import diffusionsat.testing.SceneRasters;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Chunks rendered on their own give the whole scene's pixels: the planner's cores tile the
 * scene (on the window grid for windowed models), and each core rendered from its region equals
 * the same pixels of the whole-scene render.
 */
class ChunkedRenderingTest {
    private static final int SCALE = 4;

    @ParameterizedTest(name = "{0} x {1}, chunks of {2}")
    @CsvSource({"100, 101, 64", "100, 101, 4096", "2000, 2020, 1024", "100000, 100000, 2048"})
    void coresTileTheScene(int width, int height, int chunkSize) {
        List<SceneChunk> chunks = new ChunkPlanner(chunkSize).plan(width, height,
                ChunkLayout.margin(4));
        long covered = chunks.stream().mapToLong(c -> c.core().pixels()).sum();
        assertAll(
                () -> assertEquals((long) width * height, covered),
                () -> assertTrue(chunks.stream().allMatch(c -> c.count() == chunks.size()
                        && c.core().width() <= chunkSize && c.core().height() <= chunkSize)),
                () -> assertEquals(0, chunks.get(0).core().x() + chunks.get(0).core().y()));
    }

    @Test
    void aHundredThousandPixelSceneAtScale16IsCountedInLong() {
        RasterWindow output = RasterWindow.of(100_000, 100_000).scaled(16);
        RasterWindow lastCore = new ChunkPlanner(2048).plan(100_000, 100_000,
                ChunkLayout.margin(4)).get(48 * 49 + 48).core();
        assertAll(
                () -> assertEquals(1_600_000, output.width()),
                () -> assertEquals(2_560_000_000_000L, output.pixels()),
                () -> assertEquals(100_000 * 16, lastCore.scaled(16).endX()),
                () -> assertEquals(100_000 * 16, lastCore.scaled(16).endY()));
    }

    @Test
    void windowedChunkBordersFallOnTheWindowGrid() {
        ChunkLayout layout = ChunkLayout.windows(16, 4);
        List<Integer> starts = new WindowGrid(100, 16, 4).starts();
        for (SceneChunk chunk : new ChunkPlanner(64).plan(100, 101, layout)) {
            assertTrue(starts.contains(chunk.core().x()), chunk.toString());
        }
    }

    @Test
    void windowedChunksEqualTheWholeSceneBitForBit() {
        SuperResolver model = new WindowedSuperResolver(new BicubicSuperResolver(), 16, 4);
        RegionChannels scene = sampleScene();
        float[][] whole = render(model.renderer(), scene, List.of(wholeChunk(scene)));
        float[][] chunked = render(model.renderer(), scene, new ChunkPlanner(64).plan(
                scene.sceneWidth(), scene.sceneHeight(), model.renderer()));
        for (int c = 0; c < 3; c++) {
            assertArrayEquals(whole[c], chunked[c]);
        }
    }

    @Test
    void bicubicStripsAndChunksEqualTheWholeSceneResize() {
        BicubicSuperResolver bicubic = new BicubicSuperResolver();
        RegionChannels scene = sampleScene();
        float[][] direct = bicubic.superResolve(scene.cut(scene.region(), 0), SCALE);
        float[][] chunked = render(bicubic.renderer(), scene, new ChunkPlanner(64).plan(
                scene.sceneWidth(), scene.sceneHeight(), bicubic.renderer()));
        for (int c = 0; c < 3; c++) {
            assertArrayEquals(direct[c], chunked[c], 1e-6f, "cubic convolution, float rounding");
        }
    }

    /** Renders each chunk from its own region only, into one scene-sized output. */
    private static float[][] render(ChunkRenderer renderer, RegionChannels scene,
            List<SceneChunk> chunks) {
        int outWidth = scene.sceneWidth() * SCALE;
        float[][] out = new float[3][outWidth * scene.sceneHeight() * SCALE];
        List<RasterWindow> written = new ArrayList<>();
        for (SceneChunk chunk : chunks) {
            RasterWindow region = renderer.region(chunk.core(), scene.sceneWidth(),
                    scene.sceneHeight());
            SuperResolutionInput cut = scene.cut(region, 0);
            RegionChannels input = new RegionChannels(scene.tileId(), scene.sceneWidth(),
                    scene.sceneHeight(), region, cut.channels(), null, scene.seed(), null, 1);
            renderer.render(input, chunk.core(), SCALE, (strip, rgb) -> {
                written.add(strip);
                for (int c = 0; c < 3; c++) {
                    for (int y = 0; y < strip.height(); y++) {
                        System.arraycopy(rgb[c], y * strip.width(), out[c],
                                (strip.y() + y) * outWidth + strip.x(), strip.width());
                    }
                }
            });
        }
        assertEquals(out[0].length, written.stream().mapToLong(RasterWindow::pixels).sum(),
                "every output pixel written once");
        return out;
    }

    private static SceneChunk wholeChunk(RegionChannels scene) {
        return new SceneChunk(0, 1, scene.region());
    }

    private static RegionChannels sampleScene() {
        Raster raster = GdalRasters.read("s2", SceneRasters.TILE.toString(), Storage.local());
        float[][] rgb = new Sentinel2Preprocessing(Radiometry.REFLECTANCE).rgb("s2", raster);
        return new RegionChannels("s2", raster.width(), raster.height(),
                RasterWindow.of(raster.width(), raster.height()), rgb, null, 42, null, 1);
    }
}
