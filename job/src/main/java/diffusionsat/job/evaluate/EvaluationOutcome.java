package diffusionsat.job.evaluate;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything an evaluation run found, as the summary and the report show it.
 *
 * @param task the evaluated job ({@code superres}, ...)
 * @param resultsRun the evaluated job's run folder
 * @param evaluateRun this run's folder
 * @param catalog the catalogue the targets came from
 * @param finishedAt when the tables were written
 * @param resultsTotal rows in the job's results table
 * @param jobFailed tiles the job itself failed (not evaluated)
 * @param jobSkipped rows the job skipped on purpose (e.g. a split with no frame; not evaluated)
 * @param evaluated tiles evaluated
 * @param evaluationFailed tiles whose evaluation failed (their rows say why)
 * @param summary one row per task, model and role
 * @param previousRun the earlier evaluation run the changes are measured against, or null
 * @param unavailable metrics not computed, with the reason
 * @param skipped reasons for metrics skipped on some tiles, with the number of tile rows
 * @param failures the first failed tiles: id and cause
 * @param paper the paper's numbers for this task
 */
public record EvaluationOutcome(String task, String resultsRun, String evaluateRun,
        String catalog, Instant finishedAt, long resultsTotal, long jobFailed, long jobSkipped,
        long evaluated,
        long evaluationFailed, List<SummaryRow> summary, String previousRun,
        Map<Metric, String> unavailable, Map<String, Long> skipped, List<TileFailure> failures,
        List<PaperMetrics.Value> paper) {

    /** A tile the evaluation could not score. */
    public record TileFailure(String id, String cause) {}

    public EvaluationOutcome {
        summary = List.copyOf(summary);
        unavailable = Map.copyOf(unavailable);
        skipped = Map.copyOf(skipped);
        failures = List.copyOf(failures);
        paper = List.copyOf(paper);
    }
}
