package diffusionsat.job.evaluate;

import diffusionsat.evaluation.RoleMetrics;
import diffusionsat.spark.EvaluationRows;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * Averages the per-tile metrics of the metrics table per task, model and role. Averages skip
 * missing values and, for the PSNR-like metrics, infinite ones (a perfect tile), so a summary
 * never holds NaN or infinity; a metric no tile has stays missing.
 */
final class SummaryStatistics {
    private SummaryStatistics() {}

    static List<SummaryRow> of(Dataset<Row> metrics) {
        List<Column> aggregates = new ArrayList<>(List.of(
                functions.count(functions.lit(1)).alias("tiles"),
                functions.sum(functions.when(functions.col("status").equalTo(EvaluationRows.FAILED),
                        1).otherwise(0)).cast("long").alias("failed"),
                functions.count(functions.col("mse")).alias("scored")));
        for (Metric metric : Metric.perTile()) {
            aggregates.add(functions.avg(finite(functions.col(metric.column())))
                    .alias(metric.column()));
        }
        List<Row> rows = metrics.groupBy("task", "model", "role")
                .agg(aggregates.get(0), aggregates.subList(1, aggregates.size())
                        .toArray(Column[]::new))
                .collectAsList();
        List<SummaryRow> out = new ArrayList<>();
        for (Row row : rows) {
            Map<Metric, Double> values = new EnumMap<>(Metric.class);
            for (Metric metric : Metric.perTile()) {
                values.put(metric, row.getAs(metric.column()));
            }
            out.add(new SummaryRow(row.getAs("task"), row.getAs("model"), row.getAs("role"),
                    row.<Long>getAs("tiles"), row.<Long>getAs("failed"),
                    row.<Long>getAs("scored"), values, Map.of()));
        }
        // The job's model first, then its baseline, per task.
        out.sort(Comparator.comparing(SummaryRow::task)
                .thenComparing(r -> !r.role().equals(RoleMetrics.MODEL))
                .thenComparing(SummaryRow::model));
        return out;
    }

    private static Column finite(Column value) {
        return functions.when(value.isin(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY)
                .or(functions.isnan(value)), null).otherwise(value);
    }
}
