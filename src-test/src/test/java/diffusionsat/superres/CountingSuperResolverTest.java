package diffusionsat.superres;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Windows counted per device batch, outputs unchanged; windows per tile as the grid cuts it. */
class CountingSuperResolverTest {

    @Test
    void countsEachBatchAndKeepsTheOutputs() {
        SplittableRandom random = new SplittableRandom(7);
        List<SuperResolutionInput> windows = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            float[][] rgb = new float[3][8 * 8];
            for (float[] plane : rgb) {
                for (int p = 0; p < plane.length; p++) {
                    plane[p] = (float) random.nextDouble();
                }
            }
            windows.add(new SuperResolutionInput("t", 8, 8, rgb, null, 1));
        }
        List<Long> reported = new ArrayList<>();
        SuperResolver plain = new BicubicSuperResolver();
        List<float[][]> counted = new CountingSuperResolver(plain, 2, reported::add)
                .superResolveAll(windows, 2);
        List<float[][]> direct = plain.superResolveAll(windows, 2);
        assertEquals(List.of(2L, 2L, 1L), reported);
        for (int i = 0; i < direct.size(); i++) {
            for (int c = 0; c < 3; c++) {
                assertArrayEquals(direct.get(i)[c], counted.get(i)[c], "window " + i);
            }
        }
    }

    /** The sample scenes (100 x 101 px) at 128 px outputs, scale 4, overlap 16: 6 x 6 windows. */
    @Test
    void windowsPerTileFollowTheGrid() {
        assertAll(
                () -> assertEquals(36, CountingSuperResolver.windowsPerTile(100, 101, 32, 16)),
                () -> assertEquals(1, CountingSuperResolver.windowsPerTile(20, 20, 32, 16)),
                () -> assertEquals(1, CountingSuperResolver.windowsPerTile(32, 32, 32, 0)));
    }
}
