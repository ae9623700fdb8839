package diffusionsat.io.raster;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Upstream's geometry (torchvision Resize + CenterCrop, MANIFEST.md fact 14) by hand; reference
 * case j checks it numerically against torchvision on real crops.
 */
class ResizeCentreCropTest {

    @ParameterizedTest(name = "{0}x{1} -> {2}x{3}, crop at ({4}, {5})")
    @CsvSource({
        "24, 24, 32, 32, 0, 0",     // case j crop 0: enlarged, nothing cropped
        "41, 48, 32, 37, 0, 2",     // case j crop 1: int(32·48/41) = 37, (37 − 32) / 2 = 2.5 → 2
        "48, 41, 37, 32, 2, 0",
        "64, 46, 44, 32, 6, 0",     // int(32·64/46) = int(44.52) = 44, (44 − 32) / 2 = 6
        "128, 90, 45, 32, 6, 0",    // int(45.51) = 45, 6.5 → 6 (half to even)
        "128, 88, 46, 32, 7, 0"     // int(46.54) = 46, 7
    })
    void theShorterEdgeFitsAndTheCentreIsCroppedHalfToEven(int width, int height, int resizedW,
            int resizedH, int left, int top) {
        ResizeCentreCrop crop = ResizeCentreCrop.square(32);
        int[] size = crop.resizedSize(width, height);
        assertAll(
                () -> assertArrayEquals(new int[] {resizedW, resizedH}, size),
                () -> assertArrayEquals(new int[] {left, top}, crop.offset(size[0], size[1])));
    }

    @Test
    void aNonSquareCropFitsTheEdgeThatLimitsTheScale() {
        ResizeCentreCrop wide = new ResizeCentreCrop(48, 32);
        assertAll(
                // 100×100 → 48×48 (the width limits), then rows 8..40
                () -> assertArrayEquals(new int[] {48, 48}, wide.resizedSize(100, 100)),
                () -> assertArrayEquals(new int[] {0, 8}, wide.offset(48, 48)),
                // 300×100 → 96×32 (the height limits), then columns 24..72
                () -> assertArrayEquals(new int[] {96, 32}, wide.resizedSize(300, 100)),
                () -> assertEquals(48 * 32, wide.apply(new float[][] {new float[300 * 100]},
                        300, 100)[0].length));
    }

    @Test
    void theSourceWindowIsWhatTheCropShows() {
        ResizeCentreCrop crop = ResizeCentreCrop.square(32);
        assertAll(
                () -> assertArrayEquals(new int[] {0, 0, 24, 24}, crop.sourceWindow(24, 24)),
                // 41×48 → 32×37, rows 2..34 of 37 = source rows 2.59..44.1: from 3, 41.5 → 42
                () -> assertArrayEquals(new int[] {0, 3, 41, 42}, crop.sourceWindow(41, 48)),
                // 200×100 → 64×32, columns 16..48 = source 50..150
                () -> assertArrayEquals(new int[] {50, 0, 100, 100}, crop.sourceWindow(200, 100)));
    }

    @Test
    void halvingAveragesWithTorchsWidenedTriangle() {
        // A ramp 0..7 to 4 values: inside, the widened triangle's weights 1/8, 3/8, 3/8, 1/8
        // give 2i + 0.5; at the left edge the taps 0, 1, 2 weigh 3/4, 3/4, 1/4 renormalised:
        // (0·3 + 1·3 + 2·1) / 7 = 5/7.
        float[] ramp = {0, 1, 2, 3, 4, 5, 6, 7};
        float[] row = AntialiasedBilinear.resize(new float[][] {ramp}, 8, 1, 4, 1)[0];
        assertArrayEquals(new float[] {5f / 7, 2.5f, 4.5f, 7 - 5f / 7}, row, 1e-6f);
    }

    @Test
    void enlargingIsPlainBilinearWithClampedEdges() {
        // 2 → 4: source positions −0.25, 0.25, 0.75, 1.25 clamp to [0, 1].
        float[] row = AntialiasedBilinear.resize(new float[][] {{0f, 1f}}, 2, 1, 4, 1)[0];
        assertArrayEquals(new float[] {0f, 0.25f, 0.75f, 1f}, row, 1e-7f);
    }
}
