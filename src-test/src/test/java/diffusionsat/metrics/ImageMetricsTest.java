package diffusionsat.metrics;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Edge cases and layout rules of the image metrics that the parity cases do not reach. */
class ImageMetricsTest {

    @Test
    void identicalImagesHaveInfinitePsnrZeroMseAndUnitSsim() {
        HwcImage a = ramp(16, 16, 3);
        PairMetrics m = PairMetrics.of(a, a, Ssim.protocol());
        assertAll(() -> assertEquals(0.0, m.mse()),
                () -> assertEquals(Double.POSITIVE_INFINITY, m.psnr()),
                () -> assertEquals(1.0, m.ssim(), 1e-12));
    }

    @Test
    void psnrOfKnownMse() {
        assertEquals(20.0, Psnr.fromMse(0.01), 1e-12);   // 10 log10(1 / 0.01)
    }

    @Test
    void protocolWindowIsElevenTapsSummingToOne() {
        SsimWindow w = SsimSettings.protocol().window();
        double sum = Arrays.stream(w.weights()).sum();
        assertAll(() -> assertEquals(11, w.size()), () -> assertEquals(5, w.radius()),
                () -> assertEquals(1.0, sum, 1e-15));
    }

    @Test
    void chwIsReorderedToHwc() {
        // C=2, H=1, W=3: channel planes [1 2 3] and [4 5 6] -> pixels (1,4) (2,5) (3,6)
        HwcImage image = HwcImage.fromChw(2, 1, 3, new float[] {1, 2, 3, 4, 5, 6});
        assertAll(() -> assertArrayEquals(new float[] {1, 4, 2, 5, 3, 6}, image.pixels()),
                () -> assertArrayEquals(new double[] {4, 5, 6}, image.plane(1)));
    }

    @Test
    void channelPlanesGiveTheSameMetricsAsHwc() {
        HwcImage a = ramp(16, 20, 3);
        HwcImage b = shifted(a);
        float[][] pa = planes(a);
        float[][] pb = planes(b);
        assertAll(() -> assertEquals(Mse.of(a, b), Mse.of(pa, pb), 1e-15),
                () -> assertEquals(Ssim.protocol().of(a, b), Ssim.gaussian(pa, pb, 20, 16), 1e-15));
    }

    @Test
    void imagesSmallerThanTheWindowAreRejected() {
        HwcImage small = ramp(10, 20, 3);
        assertThrows(IllegalArgumentException.class, () -> Ssim.protocol().of(small, small));
    }

    @Test
    void differentShapesAreRejected() {
        HwcImage a = ramp(16, 16, 3);
        HwcImage b = ramp(16, 17, 3);
        assertThrows(IllegalArgumentException.class, () -> Mse.of(a, b));
    }

    /** (H*W, C) -> C planes of H*W. */
    private static float[][] planes(HwcImage image) {
        float[][] out = new float[image.channels()][];
        for (int c = 0; c < out.length; c++) {
            double[] plane = image.plane(c);
            out[c] = new float[plane.length];
            for (int i = 0; i < plane.length; i++) {
                out[c][i] = (float) plane[i];
            }
        }
        return out;
    }

    private static HwcImage shifted(HwcImage image) {
        float[] pixels = image.pixels().clone();
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (pixels[i] * 0.8f + 0.1f * ((i * 7) % 11) / 10f);
        }
        return new HwcImage(image.height(), image.width(), image.channels(), pixels);
    }

    private static HwcImage ramp(int h, int w, int c) {
        float[] pixels = new float[h * w * c];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (i % 97) / 96f;
        }
        return new HwcImage(h, w, c, pixels);
    }
}
