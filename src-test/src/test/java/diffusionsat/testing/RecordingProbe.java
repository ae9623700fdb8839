package diffusionsat.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import diffusionsat.model.ForwardProbe;
import java.util.HashMap;
import java.util.Map;

/**
 * A {@link ForwardProbe} that copies every module output to the heap, so that the fixtures'
 * {@code intermediate/<module>} outputs (forward-hook outputs upstream) can be compared after the
 * call. A module recorded twice keeps its last output.
 */
public final class RecordingProbe implements ForwardProbe {
    private static final String PREFIX = "intermediate/";

    private final Map<String, float[]> values = new HashMap<>();
    private final Map<String, long[]> shapes = new HashMap<>();

    @Override
    public void record(String module, NDArray output) {
        values.put(module, output.toType(DataType.FLOAT32, false).toFloatArray());
        shapes.put(module, output.getShape().getShape());
    }

    /** Whether {@code output} names an intermediate of the case ({@code intermediate/...}). */
    public static boolean isIntermediate(String output) {
        return output.startsWith(PREFIX);
    }

    /** Compares every {@code intermediate/<module>} output of {@code c} with what was recorded. */
    public void compareIntermediates(ReferenceCase c, Parity parity, double tolerance) {
        for (String name : c.outputNames()) {
            if (!isIntermediate(name)) {
                continue;
            }
            String module = name.substring(PREFIX.length());
            parity.check(() -> assertTrue(values.containsKey(module),
                    "no probe output for " + module));
            if (values.containsKey(module)) {
                parity.compare(name, c.output(name), shapes.get(module), values.get(module),
                        tolerance);
            }
        }
    }
}
