package diffusionsat.model.ops;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** GroupNorm (absent from the engine) against a direct double-precision evaluation. */
class GroupNormTest {
    private static final int B = 2;
    private static final int C = 8;
    private static final int G = 4;
    private static final int HW = 12; // a 3×4 map
    private static final float EPS = 1e-5f;

    @Test
    void matchesFormulaInFloat32() {
        SplittableRandom random = new SplittableRandom(7);
        float[] x = gaussian(random, B * C * HW, 3, 2);
        float[] gamma = gaussian(random, C, 1, 0.1);
        float[] beta = gaussian(random, C, 0, 0.1);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray out = GroupNorm.groupNorm(manager.create(x, new Shape(B, C, 3, 4)), G,
                    manager.create(gamma), manager.create(beta), EPS);
            // float32 rounding of values of order 3: well below 1e-5
            assertAll(() -> assertEquals(new Shape(B, C, 3, 4), out.getShape()),
                    () -> assertArrayEquals(reference(x, gamma, beta), out.toFloatArray(), 1e-5f));
        }
    }

    @Test
    void float16InputKeepsItsTypeAndStaysCloseToFloat32() {
        SplittableRandom random = new SplittableRandom(8);
        float[] x = gaussian(random, B * C * HW, 0, 1);
        float[] gamma = gaussian(random, C, 1, 0.1);
        float[] beta = gaussian(random, C, 0, 0.1);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray half = manager.create(x, new Shape(B, C, HW)).toType(DataType.FLOAT16, false);
            NDArray out = GroupNorm.groupNorm(half, G,
                    manager.create(gamma).toType(DataType.FLOAT16, false),
                    manager.create(beta).toType(DataType.FLOAT16, false), EPS);
            float[] values = out.toType(DataType.FLOAT32, false).toFloatArray();
            // fp16 keeps ~3 decimal digits: inputs and outputs of order 1 round by < 5e-3
            assertAll(() -> assertEquals(DataType.FLOAT16, out.getDataType()),
                    () -> assertArrayEquals(reference(x, gamma, beta), values, 1e-2f));
        }
    }

    private static float[] reference(float[] x, float[] gamma, float[] beta) {
        float[] out = new float[x.length];
        int perGroup = C / G * HW;
        for (int b = 0; b < B; b++) {
            for (int g = 0; g < G; g++) {
                int start = (b * C + g * (C / G)) * HW;
                double mean = 0;
                for (int i = 0; i < perGroup; i++) {
                    mean += x[start + i];
                }
                mean /= perGroup;
                double variance = 0;
                for (int i = 0; i < perGroup; i++) {
                    variance += (x[start + i] - mean) * (x[start + i] - mean);
                }
                variance /= perGroup;
                for (int i = 0; i < perGroup; i++) {
                    int channel = g * (C / G) + i / HW;
                    out[start + i] = (float) ((x[start + i] - mean) / Math.sqrt(variance + EPS)
                            * gamma[channel] + beta[channel]);
                }
            }
        }
        return out;
    }

    static float[] gaussian(SplittableRandom random, int n, double mean, double std) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) (mean + std * random.nextGaussian());
        }
        return values;
    }
}
