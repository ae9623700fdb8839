package diffusionsat.superres;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Nodata is excluded from the metrics and can never make a tile look better. */
class ImageComparisonTest {
    private static final int SIZE = 64;
    private static final ImageComparison DEFAULT =
            new ImageComparison(ImageComparison.DEFAULT_MIN_VALID_FRACTION);

    @Test
    void anOutputWith30PercentNanNeverScoresBetterThanWithNoiseThere() {
        float[][] reference = texture(1);
        float[][] output = perturbed(reference, 0.02f, 2);
        float[][] withNan = copy(output);
        float[][] withNoise = copy(output);
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < SIZE * SIZE; i++) {
            if (random.nextDouble() < 0.3) {
                for (int c = 0; c < 3; c++) {
                    withNan[c][i] = Float.NaN;
                    withNoise[c][i] = (float) random.nextDouble();
                }
            }
        }

        TileMetrics nan = DEFAULT.compare("target", withNan, SIZE, SIZE, reference, SIZE, SIZE);
        TileMetrics noise = DEFAULT.compare("target", withNoise, SIZE, SIZE, reference, SIZE,
                SIZE);

        assertAll(
                () -> assertEquals(0.7, nan.validFraction(), 0.02),
                () -> assertNull(nan.mse(), "no metric below the valid fraction"),
                () -> assertNull(nan.psnr()),
                () -> assertNull(nan.ssim()),
                () -> assertTrue(nan.skipped().contains("metrics.minValidFraction"), nan.skipped()),
                () -> assertNotNull(noise.psnr()),
                () -> assertEquals(1.0, noise.validFraction()));
    }

    @Test
    void nodataIsExcludedNotFilled() {
        // An error of 0.1 on every valid pixel, the top 3 rows of the output and a 4 × 4 block
        // of the reference NaN: MSE is 0.01 exactly, where filling nodata from the reference
        // would show 0.0095.
        float[][] reference = texture(4);
        float[][] output = perturbed(reference, 0f, 0);
        for (float[] plane : output) {
            for (int i = 0; i < plane.length; i++) {
                plane[i] += 0.1f;
            }
        }
        float[][] referenceWithNan = copy(reference);
        int missing = 0;
        for (int i = 0; i < 3 * SIZE; i++) {
            output[i % 3][i] = Float.NaN; // one channel is enough to make a pixel nodata
            missing++;
        }
        for (int y = 40; y < 44; y++) {
            for (int x = 10; x < 14; x++) {
                referenceWithNan[0][y * SIZE + x] = Float.NaN;
                missing++;
            }
        }
        double validFraction = 1 - missing / (double) (SIZE * SIZE);

        TileMetrics m = DEFAULT.compare("target", output, SIZE, SIZE, referenceWithNan, SIZE,
                SIZE);

        assertAll(
                () -> assertEquals(validFraction, m.validFraction(), 1e-12),
                () -> assertEquals(0.01, m.mse(), 1e-7),
                () -> assertEquals(20.0, m.psnr(), 1e-4),
                () -> assertTrue(m.ssim() > 0.5 && m.ssim() < 1, "ssim " + m.ssim()),
                () -> assertNull(m.skipped()));
    }

    @Test
    void ssimAveragesOnlyWindowsWithoutNodata() {
        // Equal images but for a nodata block: every window that sees no nodata has SSIM 1, so
        // the mean is exactly 1 (zero-filled nodata inside a window would pull it down).
        float[][] reference = texture(5);
        float[][] output = copy(reference);
        for (int y = 20; y < 24; y++) {
            for (int x = 30; x < 34; x++) {
                for (float[] plane : output) {
                    plane[y * SIZE + x] = Float.NaN;
                }
            }
        }
        TileMetrics m = DEFAULT.compare("target", output, SIZE, SIZE, reference, SIZE, SIZE);
        assertAll(
                () -> assertEquals(1.0, m.ssim(), 1e-12),
                () -> assertEquals(1 - 16.0 / (SIZE * SIZE), m.validFraction(), 1e-12));
    }

    /** Smooth random structure in [0.2, 0.8], so that SSIM has something to compare. */
    private static float[][] texture(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[][] planes = new float[3][SIZE * SIZE];
        for (int c = 0; c < 3; c++) {
            double fx = 0.05 + 0.2 * random.nextDouble();
            double fy = 0.05 + 0.2 * random.nextDouble();
            for (int y = 0; y < SIZE; y++) {
                for (int x = 0; x < SIZE; x++) {
                    planes[c][y * SIZE + x] = (float) (0.5 + 0.15 * Math.sin(fx * x)
                            + 0.15 * Math.cos(fy * y));
                }
            }
        }
        return planes;
    }

    private static float[][] perturbed(float[][] planes, float amplitude, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[][] out = copy(planes);
        for (float[] plane : out) {
            for (int i = 0; i < plane.length; i++) {
                plane[i] += (float) (amplitude * (random.nextDouble() - 0.5));
            }
        }
        return out;
    }

    private static float[][] copy(float[][] planes) {
        float[][] out = new float[planes.length][];
        for (int c = 0; c < planes.length; c++) {
            out[c] = planes[c].clone();
        }
        return out;
    }
}
