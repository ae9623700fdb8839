package diffusionsat.job.evaluate;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * One line of the evaluation summary: a task, model and role ({@code model}, {@code baseline})
 * with its tile counts, metric values and their change against a previous run. A metric absent
 * from {@code values} was not computed; absent from {@code change}, nothing to compare with.
 *
 * @param tiles tiles evaluated (failed ones included)
 * @param failed tiles whose evaluation failed
 * @param scored tiles scored against a target
 */
public record SummaryRow(String task, String model, String role, long tiles, long failed,
        long scored, Map<Metric, Double> values, Map<Metric, Double> change) {

    public SummaryRow {
        values = Collections.unmodifiableMap(copy(values));
        change = Collections.unmodifiableMap(copy(change));
    }

    /** The key rows of two runs are matched by. */
    public String key() {
        return key(task, model, role);
    }

    /** The key of the row of {@code task}, {@code model} and {@code role}. */
    public static String key(String task, String model, String role) {
        return task + "/" + model + "/" + role;
    }

    public Double value(Metric metric) {
        return values.get(metric);
    }

    /** This row with its changes against {@code previous} (metrics both rows have). */
    public SummaryRow withChangeAgainst(SummaryRow previous) {
        Map<Metric, Double> delta = new EnumMap<>(Metric.class);
        values.forEach((metric, value) -> {
            Double before = previous.values.get(metric);
            if (before != null) {
                delta.put(metric, value - before);
            }
        });
        return new SummaryRow(task, model, role, tiles, failed, scored, values, delta);
    }

    /** This row with set-level metrics added. */
    public SummaryRow withValues(Map<Metric, Double> more) {
        Map<Metric, Double> merged = copy(values);
        merged.putAll(more);
        return new SummaryRow(task, model, role, tiles, failed, scored, merged, change);
    }

    private static Map<Metric, Double> copy(Map<Metric, Double> map) {
        Map<Metric, Double> out = new EnumMap<>(Metric.class);
        map.forEach((k, v) -> {
            if (v != null && Double.isFinite(v)) {  // tables hold no NaN or infinity
                out.put(k, v);
            }
        });
        return out;
    }
}
