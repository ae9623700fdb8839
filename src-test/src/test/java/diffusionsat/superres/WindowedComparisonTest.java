package diffusionsat.superres;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import diffusionsat.io.raster.GdalRasters;
import diffusionsat.io.raster.Radiometry;
import diffusionsat.io.raster.Raster;
import diffusionsat.io.raster.Sentinel2Preprocessing;
import diffusionsat.io.storage.Storage;
import diffusionsat.testing.Fixtures;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Window-by-window scoring equals the whole-image comparison on two real Sentinel-2 dates of one
 * grid (one with a nodata hole), whatever the strip size: from one row a strip to the whole
 * image, so an image far larger than the strip budget is scored exactly.
 */
class WindowedComparisonTest {
    private static final ImageComparison RULES = new ImageComparison(0.5);

    @Test
    void stripByStripEqualsTheWholeImage() {
        float[][] output = rgb("s2_l1c_13band_svn_20150711");
        float[][] reference = rgb("s2_l1c_13band_svn_20150731");
        int width = 100;
        int height = 101;
        for (int y = 40; y < 55; y++) { // a nodata hole across strip borders
            Arrays.fill(output[1], y * width + 10, y * width + 30, Float.NaN);
        }
        TileMetrics whole = RULES.compare("target", output, width, height, reference, width,
                height);
        for (long strip : new long[] {1, 2_100, 3_333, 10_100, 1L << 30}) {
            TileMetrics windowed = new WindowedComparison(RULES, strip).compare("target",
                    rows(output, width), rows(reference, width), width, height);
            assertAll("strip of " + strip + " px",
                    () -> assertNull(windowed.skipped()),
                    () -> assertEquals(whole.validFraction(), windowed.validFraction(), 1e-15),
                    () -> assertEquals(whole.mse(), windowed.mse(), 1e-12 * whole.mse()),
                    () -> assertEquals(whole.psnr(), windowed.psnr(), 1e-10),
                    () -> assertEquals(whole.ssim(), windowed.ssim(), 1e-12));
        }
    }

    @Test
    void tooFewValidPixelsSkipAsTheWholeComparisonDoes() {
        float[][] output = rgb("s2_l1c_13band_svn_20150711");
        float[][] reference = rgb("s2_l1c_13band_svn_20150731");
        Arrays.fill(output[0], 0, 60 * 100, Float.NaN);
        TileMetrics whole = RULES.compare("target", output, 100, 101, reference, 100, 101);
        TileMetrics windowed = new WindowedComparison(RULES, 2_000).compare("target",
                rows(output, 100), rows(reference, 100), 100, 101);
        assertAll(
                () -> assertEquals(whole.skipped(), windowed.skipped()),
                () -> assertNull(windowed.ssim()));
    }

    private static WindowedComparison.Rows rows(float[][] planes, int width) {
        return (y0, y1) -> {
            float[][] out = new float[planes.length][];
            for (int c = 0; c < planes.length; c++) {
                out[c] = Arrays.copyOfRange(planes[c], y0 * width, y1 * width);
            }
            return out;
        };
    }

    private static float[][] rgb(String id) {
        Raster raster = GdalRasters.read(id, Fixtures.data().resolve("sentinel2/" + id + ".tif")
                .toString(), Storage.local());
        return new Sentinel2Preprocessing(Radiometry.REFLECTANCE).rgb(id, raster);
    }
}
