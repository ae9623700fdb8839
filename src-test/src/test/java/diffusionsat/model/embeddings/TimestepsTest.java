package diffusionsat.model.embeddings;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The SD 2.1 sinusoid (width 320, cosines first, shift 0): DIFFUSIONSAT.md §1.2 check values. */
class TimestepsTest {
    private final Timesteps sinusoid = new Timesteps(320, true, 0);

    @Test
    void metadataValue500MatchesSpecCheckValues() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray out = sinusoid.project(manager.create(new float[] {500f}));
            float[] v = out.toFloatArray();
            // Given to 5 decimals, from a float64 evaluation: in float32 (as torch) the argument
            // 500·f_1 ≈ 472.03 carries up to half an ulp (3e-5) of rounding, so component 161 is
            // 0.7114279 here and in numpy float32, against 0.7114364 in float64.
            assertAll(() -> assertArrayEquals(new long[] {1, 320}, out.getShape().getShape()),
                    () -> assertArrayEquals(new float[] {-0.88385f, 0.70275f, 0.88668f},
                            Arrays.copyOfRange(v, 0, 3), 5e-5f),
                    () -> assertArrayEquals(new float[] {-0.46777f, 0.71144f, -0.46239f},
                            Arrays.copyOfRange(v, 160, 163), 5e-5f));
        }
    }

    @Test
    void zeroEmbedsAsOnesThenZeros() {
        try (NDManager manager = NDManager.newBaseManager()) {
            float[] v = sinusoid.project(manager.create(new long[] {0L})).toFloatArray();
            float[] expected = new float[320];
            Arrays.fill(expected, 0, 160, 1f);
            assertArrayEquals(expected, v, 0f);
        }
    }

    @Test
    void batchOfValuesIsProjectedRowByRow() {
        try (NDManager manager = NDManager.newBaseManager()) {
            float[] both = sinusoid.project(manager.create(new float[] {0f, 500f})).toFloatArray();
            float[] alone = sinusoid.project(manager.create(new float[] {500f})).toFloatArray();
            assertEquals(640, both.length);
            assertArrayEquals(alone, Arrays.copyOfRange(both, 320, 640), 0f);
        }
    }
}
