package diffusionsat.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PixelSpreadTest {

    @Test
    void populationStandardDeviationPerPixelAndChannel() {
        // channel 0: {1, 3} -> 1 and {2, 2} -> 0; channel 1: {0, 1} -> 0.5 and {4, 4} -> 0
        List<float[][]> samples = List.of(
                new float[][] {{1f, 2f}, {0f, 4f}},
                new float[][] {{3f, 2f}, {1f, 4f}});
        float[][] spread = PixelSpread.standardDeviation(samples);
        assertArrayEquals(new float[] {1f, 0f}, spread[0]);
        assertArrayEquals(new float[] {0.5f, 0f}, spread[1]);
        assertEquals(0.375, PixelSpread.mean(spread), 1e-12);
    }

    @Test
    void threeSamplesUseDdofZero() {
        List<float[][]> samples = List.of(new float[][] {{0f}}, new float[][] {{1f}},
                new float[][] {{2f}});
        // numpy.std([0, 1, 2]) = sqrt(2/3)
        assertEquals(Math.sqrt(2.0 / 3.0), PixelSpread.standardDeviation(samples)[0][0], 1e-7);
    }

    @Test
    void missingPixelsStayMissingAndLeaveTheMean() {
        List<float[][]> samples = List.of(new float[][] {{Float.NaN, 1f}},
                new float[][] {{0f, 3f}});
        float[][] spread = PixelSpread.standardDeviation(samples);
        assertTrue(Float.isNaN(spread[0][0]));
        assertEquals(1.0, PixelSpread.mean(spread), 0);
        assertTrue(Double.isNaN(PixelSpread.mean(new float[][] {{Float.NaN}})));
    }

    @Test
    void needsTwoSamplesOfOneShape() {
        assertThrows(IllegalArgumentException.class,
                () -> PixelSpread.standardDeviation(List.<float[][]>of(new float[][] {{1f}})));
        assertThrows(IllegalArgumentException.class, () -> PixelSpread.standardDeviation(
                List.of(new float[][] {{1f}}, new float[][] {{1f, 2f}})));
    }
}
