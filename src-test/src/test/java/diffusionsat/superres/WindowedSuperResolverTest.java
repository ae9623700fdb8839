package diffusionsat.superres;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import diffusionsat.io.raster.GdalRasters;
import diffusionsat.io.raster.Radiometry;
import diffusionsat.io.raster.Raster;
import diffusionsat.io.raster.Sentinel2Preprocessing;
import diffusionsat.io.storage.Storage;
import diffusionsat.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Large scenes through a fixed-window model: coverage, pass-through and seamless blending. */
class WindowedSuperResolverTest {
    private static final int SCALE = 4;

    @ParameterizedTest(name = "length {0}, window {1}, overlap {2}")
    @CsvSource({"100, 32, 8", "32, 32, 8", "20, 32, 8", "101, 50, 10", "64, 32, 0"})
    void windowsCoverEveryPixelWithinTheScene(int length, int window, int overlap) {
        var starts = new WindowGrid(length, window, overlap).starts();
        boolean[] covered = new boolean[Math.max(length, window)];
        for (int start : starts) {
            for (int i = start; i < start + window; i++) {
                covered[i] = true;
            }
        }
        assertAll(
                () -> assertEquals(0, starts.get(0)),
                () -> assertEquals(Math.max(0, length - window), starts.get(starts.size() - 1)),
                () -> assertTrue(allTrue(covered, length)));
    }

    @Test
    void aSceneOfOneWindowIsTheSingleWindowRun() {
        SuperResolutionInput scene = sampleScene(48, 48);
        BicubicSuperResolver model = new BicubicSuperResolver();
        float[][] direct = model.superResolve(scene, SCALE);
        float[][] windowed = new WindowedSuperResolver(model, 48, 12).superResolve(scene, SCALE);
        for (int c = 0; c < 3; c++) {
            assertArrayEquals(direct[c], windowed[c]);
        }
    }

    @Test
    void windowBordersShowNoSeam() {
        SuperResolutionInput scene = sampleScene(100, 100);
        float[][] whole = new BicubicSuperResolver().superResolve(scene, SCALE);
        float[][] windowed = new WindowedSuperResolver(new BicubicSuperResolver(), 32, 8)
                .superResolve(scene, SCALE);
        double maxDifference = 0;
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < whole[c].length; i++) {
                maxDifference = Math.max(maxDifference, Math.abs(whole[c][i] - windowed[c][i]));
            }
        }
        // Bicubic's 4-pixel support sees the window edge only within 2 input pixels of it, and
        // those pixels carry feathered weights near 0; the whole-scene run is the seamless truth.
        assertTrue(maxDifference < 0.01, "max difference to the whole-scene run " + maxDifference);
    }

    @Test
    void smallScenesArePaddedAndCropped() {
        SuperResolutionInput scene = sampleScene(20, 30);
        float[][] out = new WindowedSuperResolver(new BicubicSuperResolver(), 32, 8)
                .superResolve(scene, SCALE);
        assertEquals(20 * SCALE * 30 * SCALE, out[0].length);
    }

    private static SuperResolutionInput sampleScene(int width, int height) {
        Raster raster = GdalRasters.read("s2", Fixtures.projectRoot()
                .resolve("conf/samples/sentinel2/s2_l1c_13band_svn_20150711.tif").toString(),
                Storage.local());
        float[][] rgb = new Sentinel2Preprocessing(Radiometry.REFLECTANCE).rgb("s2", raster);
        float[][] crop = new float[3][width * height];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < height; y++) {
                System.arraycopy(rgb[c], y * raster.width(), crop[c], y * width, width);
            }
        }
        return new SuperResolutionInput("s2", width, height, crop, null, 0);
    }

    private static boolean allTrue(boolean[] covered, int length) {
        for (int i = 0; i < length; i++) {
            if (!covered[i]) {
                return false;
            }
        }
        return true;
    }
}
