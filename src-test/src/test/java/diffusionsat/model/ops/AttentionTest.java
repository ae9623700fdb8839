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

/** Multi-head attention against a direct double-precision softmax(q kᵀ/√d) v per head. */
class AttentionTest {
    private static final int B = 2;
    private static final int N = 5;
    private static final int M = 3;
    private static final int H = 2;
    private static final int D = 4;

    @Test
    void matchesPerHeadSoftmaxFormula() {
        SplittableRandom random = new SplittableRandom(11);
        float[] q = GroupNormTest.gaussian(random, B * N * H * D, 0, 1);
        float[] k = GroupNormTest.gaussian(random, B * M * H * D, 0, 1);
        float[] v = GroupNormTest.gaussian(random, B * M * H * D, 0, 1);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray out = Attention.attend(manager.create(q, new Shape(B, N, H * D)),
                    manager.create(k, new Shape(B, M, H * D)),
                    manager.create(v, new Shape(B, M, H * D)), H, false);
            // float32 rounding of O(1) values
            assertAll(() -> assertEquals(new Shape(B, N, H * D), out.getShape()),
                    () -> assertArrayEquals(reference(q, k, v), out.toFloatArray(), 1e-5f));
        }
    }

    @Test
    void upcastFloat16StaysCloseAndKeepsType() {
        SplittableRandom random = new SplittableRandom(12);
        float[] q = GroupNormTest.gaussian(random, B * N * H * D, 0, 1);
        float[] k = GroupNormTest.gaussian(random, B * M * H * D, 0, 1);
        float[] v = GroupNormTest.gaussian(random, B * M * H * D, 0, 1);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray out = Attention.attend(half(manager, q, N), half(manager, k, M),
                    half(manager, v, M), H, true);
            float[] values = out.toType(DataType.FLOAT32, false).toFloatArray();
            // fp16 inputs carry ~5e-4 relative error; outputs are averages of O(1) values
            assertAll(() -> assertEquals(DataType.FLOAT16, out.getDataType()),
                    () -> assertArrayEquals(reference(q, k, v), values, 1e-2f));
        }
    }

    private static NDArray half(NDManager manager, float[] values, int tokens) {
        return manager.create(values, new Shape(B, tokens, H * D)).toType(DataType.FLOAT16, false);
    }

    private static float[] reference(float[] q, float[] k, float[] v) {
        float[] out = new float[B * N * H * D];
        double scale = 1 / Math.sqrt(D);
        for (int b = 0; b < B; b++) {
            for (int h = 0; h < H; h++) {
                for (int n = 0; n < N; n++) {
                    double[] weights = new double[M];
                    double max = Double.NEGATIVE_INFINITY;
                    for (int m = 0; m < M; m++) {
                        double dot = 0;
                        for (int d = 0; d < D; d++) {
                            dot += q[((b * N + n) * H + h) * D + d]
                                    * k[((b * M + m) * H + h) * D + d];
                        }
                        weights[m] = dot * scale;
                        max = Math.max(max, weights[m]);
                    }
                    double sum = 0;
                    for (int m = 0; m < M; m++) {
                        weights[m] = Math.exp(weights[m] - max);
                        sum += weights[m];
                    }
                    for (int d = 0; d < D; d++) {
                        double acc = 0;
                        for (int m = 0; m < M; m++) {
                            acc += weights[m] / sum * v[((b * M + m) * H + h) * D + d];
                        }
                        out[((b * N + n) * H + h) * D + d] = (float) acc;
                    }
                }
            }
        }
        return out;
    }
}
