package diffusionsat.metrics;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import diffusionsat.testing.Npy;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * SSIM, PSNR and MSE against scikit-image 0.19.3 on three real image pairs (resources
 * {@code metrics/skimage/}, README.md there says how they were made). Both sides see the same
 * float64 pixels, so the only differences are summation order: SSIM abs 1e-6 (MANIFEST.md's SSIM
 * tolerance for float64 inputs), PSNR and MSE rel 1e-9.
 */
class SkimageParityTest {
    private static final double SSIM_ABS = 1e-6;
    private static final double PSNR_MSE_REL = 1e-9;

    @TestFactory
    Stream<DynamicTest> realPairs() throws IOException, URISyntaxException {
        Path dir = Path.of(SkimageParityTest.class.getResource("/metrics/skimage/expected.json")
                .toURI()).getParent();
        JsonNode pairs = new ObjectMapper().readTree(dir.resolve("expected.json").toFile())
                .path("pairs");
        List<DynamicTest> tests = new ArrayList<>();
        pairs.fieldNames().forEachRemaining(name -> tests.add(DynamicTest.dynamicTest(name,
                () -> checkPair(dir, name, pairs.path(name)))));
        assertFalse(tests.isEmpty(), "expected.json lists no pairs");
        return tests.stream();
    }

    private static void checkPair(Path dir, String name, JsonNode expected) throws IOException {
        HwcImage a = unitImage(dir.resolve(name + "_a.npy"));
        HwcImage b = unitImage(dir.resolve(name + "_b.npy"));
        PairMetrics actual = PairMetrics.of(a, b, Ssim.protocol());
        double mse = expected.path("mse").asDouble();
        double psnr = expected.path("psnr").asDouble();
        assertAll(
                () -> assertEquals(expected.path("shape").get(0).asInt(), a.height(), "height"),
                () -> assertEquals(expected.path("shape").get(1).asInt(), a.width(), "width"),
                () -> assertEquals(expected.path("ssim").asDouble(), actual.ssim(), SSIM_ABS,
                        "ssim"),
                () -> assertEquals(psnr, actual.psnr(), PSNR_MSE_REL * Math.abs(psnr), "psnr"),
                () -> assertEquals(mse, actual.mse(), PSNR_MSE_REL * mse, "mse"));
    }

    /** uint8 HWC .npy -> float32(u8) / 255f, as make_expected.py builds its inputs. */
    private static HwcImage unitImage(Path file) throws IOException {
        Npy npy = Npy.read(file);
        float[] pixels = npy.floats();
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] /= 255f;
        }
        long[] s = npy.shape();
        return new HwcImage((int) s[0], (int) s[1], (int) s[2], pixels);
    }
}
