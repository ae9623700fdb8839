package diffusionsat.job.evaluate;

import diffusionsat.evaluation.EvaluationSettings;
import diffusionsat.evaluation.RoleMetrics;
import diffusionsat.io.storage.Storage;
import diffusionsat.job.RunFolder;
import diffusionsat.job.report.ReportSettings;
import diffusionsat.spark.EvaluationRows;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * Collects what an evaluation found from its metrics table: counts, the summary with its change
 * against the previous run, unavailable and skipped metrics, failures and the paper's numbers.
 */
final class OutcomeBuilder {
    /** Failed tiles listed by name in the summary and the report; the table has all of them. */
    private static final int LISTED_FAILURES = 50;
    /** Distinct skip reasons listed; the table has every row's reason. */
    private static final int LISTED_SKIP_REASONS = 20;

    private final SparkSession spark;
    private final Storage storage;
    private final JobRun results;
    private final RunFolder run;
    private final String catalogUri;

    OutcomeBuilder(SparkSession spark, Storage storage, JobRun results, RunFolder run,
            String catalogUri) {
        this.spark = spark;
        this.storage = storage;
        this.results = results;
        this.run = run;
        this.catalogUri = catalogUri;
    }

    EvaluationOutcome build(Dataset<Row> metrics, SetMetrics setMetrics,
            EvaluationSettings settings, long resultsTotal, long jobFailed, long jobSkipped,
            String namedPrevious, ReportSettings reportSettings) {
        Dataset<Row> modelRows = metrics.filter(functions.col("role").equalTo(RoleMetrics.MODEL));
        List<SummaryRow> summary = SummaryStatistics.of(metrics);
        if (settings.hasInception()) {
            Map<String, Map<Metric, Double>> sets = setMetrics.compute();
            summary = summary.stream()
                    .map(row -> row.withValues(sets.getOrDefault(row.key(), Map.of())))
                    .toList();
        }
        // Every evaluated tile has exactly one model row, failed or not.
        long evaluated = summary.stream().filter(r -> r.role().equals(RoleMetrics.MODEL))
                .mapToLong(SummaryRow::tiles).sum();
        long failed = summary.stream().filter(r -> r.role().equals(RoleMetrics.MODEL))
                .mapToLong(SummaryRow::failed).sum();
        Map<Metric, String> unavailable = unavailable(summary, settings,
                setMetrics.missingReasons());

        String evaluateFolder = run.root().substring(0, run.root().lastIndexOf('/'));
        String runId = run.root().substring(run.root().lastIndexOf('/') + 1);
        Optional<String> previous = PreviousRun.find(storage, namedPrevious, evaluateFolder, runId,
                new EvaluationProvenance(results.task(), results.root(), catalogUri));
        if (previous.isPresent()) {
            summary = withChanges(summary, SummaryFiles.read(spark, previous.get() + "/summary"));
        }
        return new EvaluationOutcome(results.task(), results.root(), run.root(), catalogUri,
                Instant.now(), resultsTotal, jobFailed, jobSkipped, evaluated, failed, summary,
                previous.orElse(null), unavailable, skipped(metrics), failures(modelRows),
                PaperMetrics.forTask(reportSettings.paperMetrics(), storage, results.task()));
    }

    /**
     * The network metrics no summary row has, and why: never estimated without their weights
     * (DESIGN.md §7).
     */
    private static Map<Metric, String> unavailable(List<SummaryRow> summary,
            EvaluationSettings settings, Map<Metric, String> setReasons) {
        Map<Metric, String> out = new EnumMap<>(Metric.class);
        for (Metric metric : List.of(Metric.LPIPS, Metric.FID, Metric.IS, Metric.CLIP)) {
            if (summary.stream().allMatch(row -> row.value(metric) == null)) {
                out.put(metric, reason(metric, settings, setReasons)
                        + "; reported as unavailable, never estimated");
            }
        }
        return out;
    }

    private static String reason(Metric metric, EvaluationSettings settings,
            Map<Metric, String> setReasons) {
        return switch (metric) {
            case LPIPS -> settings.hasLpips() ? "no tile had a usable target"
                    : "evaluate.lpipsWeights is empty";
            case FID, IS -> !settings.hasInception() ? "evaluate.inceptionWeights is empty"
                    : setReasons.getOrDefault(metric, "no image had Inception features");
            case CLIP -> settings.hasClip() ? "no tile had a caption (catalogue column caption,"
                    + " or evaluate.clipCaption)" : "evaluate.clipModel is empty";
            default -> throw new IllegalArgumentException(metric + " is no network metric");
        };
    }

    private static List<SummaryRow> withChanges(List<SummaryRow> current,
            List<SummaryRow> previous) {
        Map<String, SummaryRow> byKey = previous.stream()
                .collect(Collectors.toMap(SummaryRow::key, Function.identity(), (a, b) -> a));
        List<SummaryRow> out = new ArrayList<>();
        for (SummaryRow row : current) {
            SummaryRow before = byKey.get(row.key());
            out.add(before == null ? row : row.withChangeAgainst(before));
        }
        return out;
    }

    private static Map<String, Long> skipped(Dataset<Row> metrics) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (Row row : metrics.filter(functions.col("skipped").isNotNull()).groupBy("skipped")
                .count().orderBy(functions.desc("count"), functions.asc("skipped"))
                .limit(LISTED_SKIP_REASONS).collectAsList()) {
            out.put(row.getString(0), row.getLong(1));
        }
        return out;
    }

    private static List<EvaluationOutcome.TileFailure> failures(Dataset<Row> modelRows) {
        return modelRows.filter(functions.col("status").equalTo(EvaluationRows.FAILED))
                .select("id", "error_message").orderBy("id").limit(LISTED_FAILURES)
                .collectAsList().stream()
                .map(r -> new EvaluationOutcome.TileFailure(r.getString(0), r.getString(1)))
                .toList();
    }
}
