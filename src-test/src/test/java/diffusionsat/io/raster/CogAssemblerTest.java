package diffusionsat.io.raster;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import diffusionsat.io.storage.Storage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.gdal.gdal.Dataset;
import org.gdal.gdal.gdal;
import org.gdal.gdalconst.gdalconstConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scene's COG from its parts: the full resolution is the parts side by side, and the
 * overviews are the parts' own (built in their tasks), copied level by level, not recomputed.
 */
class CogAssemblerTest {
    private static final int PART = 600;
    private static final int HEIGHT = 300;
    private static final GeoTransform GRID = new GeoTransform(500000, 2.5, 0, 5000000, 0, -2.5);

    @Test
    void partsAndTheirOverviewsMakeTheScenesCog(@TempDir Path dir) {
        int levels = OverviewLevels.count(2L * PART, HEIGHT);
        Path left = part(dir.resolve("0.tif"), 0, levels);
        Path right = part(dir.resolve("1.tif"), PART, levels);
        Path cog = dir.resolve("scene.tif");
        CogAssembler.assemble(List.of(
                new CogAssembler.Part(left.toString(), new RasterWindow(0, 0, PART, HEIGHT)),
                new CogAssembler.Part(right.toString(), new RasterWindow(PART, 0, PART, HEIGHT))),
                2 * PART, HEIGHT, List.of("R"), Map.of(), cog.toString(), Storage.local());

        Raster whole = GdalRasters.read("s", cog.toString(), Storage.local());
        Dataset opened = gdal.Open(cog.toString(), gdalconstConstants.GA_ReadOnly);
        try {
            var band = opened.GetRasterBand(1);
            float[] firstLevel = new float[PART * HEIGHT / 2];
            band.GetOverview(0).ReadRaster(0, 0, PART, HEIGHT / 2,
                    gdalconstConstants.GDT_Float32, firstLevel);
            assertAll(
                    () -> assertEquals(3, levels),
                    () -> assertEquals(levels, band.GetOverviewCount()),
                    () -> assertEquals(PART, band.GetOverview(0).getXSize()),
                    () -> assertArrayEquals(GRID.toGdal(), whole.transform().toGdal()),
                    () -> assertEquals(value(PART + 5, 7), whole.bands()[0][7 * 2 * PART
                            + PART + 5]),
                    // Left and right of the parts' border: each the mean of its 2 x 2 pixels.
                    () -> assertEquals(mean(2 * 149, 2 * 10), firstLevel[10 * PART + 149],
                            1e-6),
                    () -> assertEquals(mean(2 * 300, 2 * 10), firstLevel[10 * PART + 300],
                            1e-6));
        } finally {
            opened.delete();
        }
    }

    /** A part at column {@code x0} of the scene, its values a function of scene position. */
    private static Path part(Path file, int x0, int levels) {
        float[] values = new float[PART * HEIGHT];
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < PART; x++) {
                values[y * PART + x] = value(x0 + x, y);
            }
        }
        GeoTransform grid = new GeoTransform(GRID.x(x0, 0), 2.5, 0, 5000000, 0, -2.5);
        try (TiledGeoTiffWriter writer = TiledGeoTiffWriter.create(file, PART, HEIGHT,
                List.of("R"), grid, "", ReflectanceEncoding.FLOAT32, levels)) {
            writer.write(new RasterWindow(0, 0, PART, HEIGHT), new float[][] {values});
        }
        return file;
    }

    private static float value(int x, int y) {
        return (x % 97) / 97f * 0.5f + (y % 13) / 13f * 0.25f;
    }

    private static double mean(int x, int y) {
        return (value(x, y) + value(x + 1, y) + value(x, y + 1) + value(x + 1, y + 1)) / 4.0;
    }
}
