package diffusionsat.model.inception;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/** The 3x3 stride-1 pools of the FID Mixed blocks, on a 3x4 map worked out by hand. */
class BranchPoolTest {
    // 0 1  2  3
    // 4 5  6  7
    // 8 9 10 11
    private static final float[] MAP = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};

    @Test
    void averageLeavesThePaddingOut() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.create(MAP, new Shape(1, 1, 3, 4));
            // corner (0,0): mean of 0 1 4 5 over 4 pixels; edge (0,1): 0 1 2 4 5 6 over 6;
            // centre (1,1): all 9 neighbours
            float[] expected = {2.5f, 3f, 4f, 4.5f, 4.5f, 5f, 6f, 6.5f, 6.5f, 7f, 8f, 8.5f};
            assertArrayEquals(expected,
                    BranchPool.AVERAGE_WITHOUT_PADDING.apply(x).toFloatArray(), 1e-6f);
        }
    }

    @Test
    void maxTakesTheLargestNeighbour() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.create(MAP, new Shape(1, 1, 3, 4)).neg();
            float[] expected = {-0, -0, -1, -2, -0, -0, -1, -2, -4, -4, -5, -6};
            // negative values: the padding must count as -inf, not 0
            assertArrayEquals(expected, BranchPool.MAX.apply(x).toFloatArray(), 0f);
        }
    }
}
