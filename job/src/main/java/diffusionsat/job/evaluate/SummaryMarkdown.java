package diffusionsat.job.evaluate;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code summary/summary.md}: the summary table with changes, and what was left out and why. */
final class SummaryMarkdown {
    private SummaryMarkdown() {}

    static String render(EvaluationOutcome o) {
        StringBuilder out = new StringBuilder();
        out.append("# Evaluation of ").append(o.task()).append("\n\n");
        out.append(String.format(Locale.ROOT, "Results: `%s` (%d tiles, %d failed in the job, %d"
                + " skipped). Evaluated: %d tiles, %d failed.%n%n", o.resultsRun(),
                o.resultsTotal(), o.jobFailed(), o.jobSkipped(), o.evaluated(),
                o.evaluationFailed()));
        if (o.summary().isEmpty()) {
            out.append("No tiles to evaluate: the results hold no finished tile.\n");
            return out.toString();
        }
        List<Metric> shown = shownMetrics(o);
        out.append("| task | model | role | tiles | failed | scored |");
        shown.forEach(m -> out.append(' ').append(m.label()).append(" |"));
        out.append("\n|---|---|---|---:|---:|---:|");
        shown.forEach(m -> out.append("---:|"));
        out.append('\n');
        for (SummaryRow row : o.summary()) {
            out.append(String.format(Locale.ROOT, "| %s | %s | %s | %d | %d | %d |", row.task(),
                    row.model(), row.role(), row.tiles(), row.failed(), row.scored()));
            for (Metric m : shown) {
                String change = m.formatChange(row.change().get(m));
                out.append(' ').append(m.format(row.value(m)))
                        .append(change.isEmpty() ? "" : " (" + change + ")").append(" |");
            }
            out.append('\n');
        }
        out.append('\n').append(o.previousRun() == null
                ? "No earlier evaluation run to compare with.\n"
                : "Changes in brackets: against `" + o.previousRun() + "`.\n");
        if (!o.unavailable().isEmpty()) {
            out.append("\nUnavailable metrics:\n\n");
            o.unavailable().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e ->
                    out.append("- ").append(e.getKey().label()).append(": ").append(e.getValue())
                            .append('\n'));
        }
        if (!o.skipped().isEmpty()) {
            out.append("\nSkipped metrics (tile rows):\n\n");
            o.skipped().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e ->
                    out.append("- ").append(e.getKey()).append(": ").append(e.getValue())
                            .append('\n'));
        }
        if (!o.failures().isEmpty()) {
            out.append("\nFailed tiles:\n\n");
            o.failures().forEach(f -> out.append("- `").append(f.id()).append("`: ")
                    .append(f.cause()).append('\n'));
        }
        return out.toString();
    }

    /** The metrics that some row has, and those reported as unavailable (shown as n/a). */
    static List<Metric> shownMetrics(EvaluationOutcome o) {
        return Arrays.stream(Metric.values())
                .filter(m -> o.unavailable().containsKey(m)
                        || o.summary().stream().anyMatch(r -> r.value(m) != null))
                .toList();
    }
}
