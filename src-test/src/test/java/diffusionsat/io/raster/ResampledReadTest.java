package diffusionsat.io.raster;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import diffusionsat.io.storage.Storage;
import diffusionsat.testing.Fixtures;
import java.nio.file.Path;
import java.util.List;
import org.gdal.gdal.Dataset;
import org.gdal.gdal.TranslateOptions;
import org.gdal.gdal.gdal;
import org.gdal.gdalconst.gdalconstConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link RasterReader#readResampled}: GDAL's decimated read gives, without overviews, what the
 * antialiased bilinear resize of the whole raster gives (torch's kernel); with overviews it reads
 * the overview of the buffer's resolution instead of the full one.
 */
class ResampledReadTest {
    private static final Path TILE = Fixtures.data().resolve(
            "sentinel2/s2_l1c_13band_svn_20150711.tif");
    private static final List<String> RGB = List.of("B04", "B03", "B02");
    private final Storage storage = Storage.local();

    @Test
    void aDecimatedBilinearReadEqualsTheAntialiasedResizeOfTheWholeRaster() {
        try (RasterReader reader = RasterReader.open("t", TILE.toString(), storage)) {
            RasterHeader header = reader.header();
            Raster whole = reader.read(header.extent(), RGB);
            Raster decimated = reader.readResampled(header.extent(), RGB, 64, 65,
                    Resampling.Method.BILINEAR);
            float[][] resized = AntialiasedBilinear.resize(whole.bands(), header.width(),
                    header.height(), 64, 65);
            double worst = 0;
            for (int c = 0; c < RGB.size(); c++) {
                for (int i = 0; i < resized[c].length; i++) {
                    worst = Math.max(worst, Math.abs(resized[c][i] - decimated.bands()[c][i]));
                }
            }
            double maxDifference = worst;
            GeoTransform t = decimated.transform();
            assertAll(
                    () -> assertEquals(64, decimated.width()),
                    () -> assertEquals(65, decimated.height()),
                    () -> assertEquals(RGB, decimated.bandNames()),
                    // reflectance about 0.1: float32 rounding is ~1e-8
                    () -> assertTrue(maxDifference < 1e-6, "max difference " + maxDifference),
                    () -> assertEquals(header.transform().originX(), t.originX()),
                    () -> assertEquals(header.transform().pixelWidth() * 100 / 64,
                            t.pixelWidth(), 1e-9),
                    () -> assertEquals(header.transform().pixelHeight() * 101 / 65,
                            t.pixelHeight(), 1e-9));
        }
    }

    @Test
    void aDecimatedReadUsesTheOverviewOfItsResolution(@TempDir Path dir) {
        Path copy = dir.resolve("with-overview.tif");
        Gdal.ensureRegistered();
        Dataset source = gdal.Open(TILE.toString());
        Dataset file = gdal.Translate(copy.toString(), source, new TranslateOptions(
                new java.util.Vector<>(List.of("-b", "4"))));
        source.delete();
        // A nearest-neighbour overview differs from any bilinear resize of the full resolution.
        file.BuildOverviews("NEAREST", new int[] {2});
        float[] overview = new float[50 * 51];
        file.GetRasterBand(1).GetOverview(0).ReadRaster(0, 0, 50, 51,
                gdalconstConstants.GDT_Float32, overview);
        file.delete();

        try (RasterReader reader = RasterReader.open("t", copy.toString(), storage)) {
            List<String> band = reader.header().bandNames();
            float[] decimated = reader.readResampled(reader.header().extent(), band, 50, 51,
                    Resampling.Method.BILINEAR).bands()[0];
            float[] fromFull = AntialiasedBilinear.resize(
                    reader.read(reader.header().extent(), band).bands(), 100, 101, 50, 51)[0];
            assertAll(
                    () -> assertArrayEquals(overview, decimated, "the overview's pixels"),
                    () -> assertTrue(maxDifference(fromFull, decimated) > 1e-4,
                            "not the full resolution's resize"));
        }
    }

    private static double maxDifference(float[] a, float[] b) {
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
            worst = Math.max(worst, Math.abs(a[i] - b[i]));
        }
        return worst;
    }
}
