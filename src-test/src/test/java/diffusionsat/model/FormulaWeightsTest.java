package diffusionsat.model;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The hash and generator that the Python fixture scripts reproduce, on published vectors. */
class FormulaWeightsTest {
    @Test
    void fnv1aMatchesReferenceVectors() {
        // FNV-1a 64 reference values: "" is the offset basis; "a" and "foobar" from the
        // algorithm's published test suite
        assertAll(() -> assertEquals(0xcbf29ce484222325L, FormulaWeights.fnv1a64("")),
                () -> assertEquals(0xaf63dc4c8601ec8cL, FormulaWeights.fnv1a64("a")),
                () -> assertEquals(0x85944171f73967e8L, FormulaWeights.fnv1a64("foobar")));
    }

    @Test
    void splitMix64MatchesReferenceOutput() {
        // the first output of Vigna's splitmix64.c seeded with 0
        assertEquals(0xe220a8397b1dcdafL, FormulaWeights.splitMix64(0));
    }

    @Test
    void valuesFollowTheirKindsRanges() {
        float[] conv = FormulaWeights.values("x.conv.weight", new long[] {4, 3, 3, 3});
        float[] var = FormulaWeights.values("x.bn.running_var", new long[] {64});
        float[] scale = FormulaWeights.values("x.bn.weight", new long[] {64});
        double bound = Math.sqrt(3.0 / 27);
        assertAll(() -> assertInRange(conv, -bound, bound),
                () -> assertInRange(var, 0.5, 1.5),
                () -> assertInRange(scale, 0.9, 1.1));
    }

    private static void assertInRange(float[] values, double low, double high) {
        for (float v : values) {
            assertTrue(v >= low && v <= high, v + " outside [" + low + ", " + high + "]");
        }
    }
}
