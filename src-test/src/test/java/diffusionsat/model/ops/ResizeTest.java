package diffusionsat.model.ops;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import diffusionsat.testing.Fixtures;
import diffusionsat.testing.Npy;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bilinear resizing against torch's {@code F.interpolate(mode="bilinear", align_corners=False)}
 * in float64 (resources/metricnets/make_inception.py, resized.npy: a 64x80 image to 97x131).
 */
class ResizeTest {
    @ParameterizedTest(name = "{0}: max abs error ≤ {1}")
    @CsvSource({
        // float64, as the reference: measured 5.9e-15
        "FLOAT64, 1e-13",
        // float32: libtorch rounds the source coordinates (up to ~80) to float32, so the
        // weights move by ~5e-6; measured 5.2e-6 (torch 1.13's own float32 path: 1.9e-6)
        "FLOAT32, 1e-5"})
    void bilinearMatchesTorchAtNonIntegerScales(DataType type, double tolerance)
            throws IOException {
        Path dir = Fixtures.projectRoot()
                .resolve("src-test/src/test/resources/metricnets/inception");
        Npy images = Npy.read(dir.resolve("images.npy"));                 // (2, 3, 64, 80)
        Npy resized = Npy.read(dir.resolve("resized.npy"));               // (1, 3, 97, 131)
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray first = manager.create(images.floats(), new Shape(images.shape())).get("0:1")
                    .toType(type, false);
            NDArray out = Resize.bilinear(first, 97, 131);
            double[] actual = out.toType(DataType.FLOAT64, false).toDoubleArray();
            double[] expected = resized.doubles();
            double worst = 0;
            for (int i = 0; i < expected.length; i++) {
                worst = Math.max(worst, Math.abs(expected[i] - actual[i]));
            }
            System.err.printf("resize %s: max abs error %.3g%n", type, worst);
            double maxError = worst;
            assertAll(() -> assertEquals(new Shape(resized.shape()), out.getShape()),
                    () -> assertEquals(type, out.getDataType()),
                    () -> assertEquals(0, maxError, tolerance, "max abs error"));
        }
    }
}
