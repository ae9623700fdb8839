package diffusionsat.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import diffusionsat.io.storage.Storage;
import diffusionsat.testing.Fixtures;
import diffusionsat.testing.Npy;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** LPIPS on image planes in [0, 1], loaded by location, against the torch fixtures. */
class LpipsMetricTest {
    private static final double TOLERANCE = 1e-5;
    private static final int SIZE = 64;

    private static Path fixtures() {
        return Fixtures.projectRoot().resolve("src-test/src/test/resources/metricnets");
    }

    @Test
    void metricOnPlanesInUnitRangeMatchesTorch() throws Exception {
        LpipsMetric metric = LpipsMetric.forWeights(fixtures().resolve("lpips-tiny").toString(),
                Storage.local());
        float[] all = Npy.read(fixtures().resolve("images.npy")).floats();
        double[] expected = Npy.read(fixtures().resolve("expected.npy")).doubles();
        int plane = SIZE * SIZE;
        for (int p = 0; p < expected.length; p++) {
            float[][] a = planes(all, (2 * p) * 3 * plane, plane);
            float[][] b = planes(all, (2 * p + 1) * 3 * plane, plane);
            assertEquals(expected[p], metric.distance(a, b, SIZE, SIZE), TOLERANCE, "pair " + p);
            assertEquals(0.0, metric.distance(a, a, SIZE, SIZE), 0.0, "identical images");
        }
    }

    private static float[][] planes(float[] all, int offset, int plane) {
        float[][] out = new float[3][];
        for (int c = 0; c < 3; c++) {
            out[c] = Arrays.copyOfRange(all, offset + c * plane, offset + (c + 1) * plane);
        }
        return out;
    }
}
