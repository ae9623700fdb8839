package diffusionsat.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.function.Executable;

/**
 * Collects array comparisons of one parity case (max |expected − actual| against a tolerance from
 * MANIFEST.md), so that all of them are asserted together and the errors are reported.
 */
public final class Parity {
    private final String caseName;
    private final Map<String, Double> errors = new LinkedHashMap<>();
    private final List<Executable> checks = new ArrayList<>();

    /** Comparisons for {@code caseName}. */
    public Parity(String caseName) {
        this.caseName = caseName;
    }

    /** Compares {@code actual} with a stored array: same shape, max abs error ≤ tolerance. */
    public void compare(String what, Npy expected, NDArray actual, double tolerance) {
        long[] shape = actual.getShape().getShape();
        float[] values = actual.toType(DataType.FLOAT32, false).toFloatArray();
        compare(what, expected, shape, values, tolerance);
    }

    /** Compares host values (already copied out of the engine) with a stored array. */
    public void compare(String what, Npy expected, long[] shape, float[] actual,
            double tolerance) {
        double[] reference = expected.doubles();
        double error = reference.length == actual.length ? maxAbsDiff(reference, actual)
                : Double.POSITIVE_INFINITY;
        errors.put(what, error);
        checks.add(() -> assertArrayEquals(expected.shape(), shape, what + ": shape"));
        checks.add(() -> assertTrue(error <= tolerance,
                what + ": max|diff| " + error + " > tolerance " + tolerance));
    }

    /** Adds another check to run with the comparisons. */
    public void check(Executable executable) {
        checks.add(executable);
    }

    /** Prints the errors (the parity report) and asserts every comparison. */
    public void assertAll() {
        double worst = errors.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
        System.out.printf("PARITY %s: worst max|diff| %.3e over %d arrays %s%n",
                caseName, worst, errors.size(), errors);
        org.junit.jupiter.api.Assertions.assertAll(caseName, checks.stream());
    }

    private static double maxAbsDiff(double[] expected, float[] actual) {
        double max = 0;
        for (int i = 0; i < expected.length; i++) {
            double diff = Math.abs(expected[i] - actual[i]);
            if (Double.isNaN(diff)) {
                return Double.NaN; // fails every tolerance
            }
            max = Math.max(max, diff);
        }
        return max;
    }
}
