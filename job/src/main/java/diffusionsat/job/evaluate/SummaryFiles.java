package diffusionsat.job.evaluate;

import diffusionsat.io.storage.Storage;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The summary tables of an evaluation run: {@code summary/parquet}, {@code summary/summary.csv}
 * (both with a {@code <metric>_change} column per metric, empty without a previous run) and
 * {@code summary/summary.md}; and reading a previous run's summary back.
 */
final class SummaryFiles {
    static final StructType SCHEMA = schema();

    private SummaryFiles() {}

    static void write(SparkSession spark, Storage storage, String folder,
            EvaluationOutcome outcome) {
        List<Row> rows = new ArrayList<>();
        for (SummaryRow s : outcome.summary()) {
            List<Object> values = new ArrayList<>(List.of(s.task(), s.model(), s.role(), s.tiles(),
                    s.failed(), s.scored()));
            for (Metric metric : Metric.values()) {
                values.add(s.value(metric));
            }
            for (Metric metric : Metric.values()) {
                values.add(s.change().get(metric));
            }
            values.add(outcome.previousRun());
            rows.add(RowFactory.create(values.toArray()));
        }
        spark.createDataFrame(rows, SCHEMA).coalesce(1).write().mode(SaveMode.Overwrite)
                .parquet(folder + "/parquet");
        storage.writeString(folder + "/summary.csv", csv(rows));
        storage.writeString(folder + "/summary.md", SummaryMarkdown.render(outcome));
    }

    /** A run's summary rows, without their changes. */
    static List<SummaryRow> read(SparkSession spark, String folder) {
        List<SummaryRow> out = new ArrayList<>();
        for (Row row : spark.read().schema(SCHEMA).parquet(folder + "/parquet").collectAsList()) {
            Map<Metric, Double> values = new EnumMap<>(Metric.class);
            for (Metric metric : Metric.values()) {
                values.put(metric, row.getAs(metric.column()));
            }
            out.add(new SummaryRow(row.getAs("task"), row.getAs("model"), row.getAs("role"),
                    row.<Long>getAs("tiles"), row.<Long>getAs("failed"),
                    row.<Long>getAs("scored"), values, Map.of()));
        }
        return out;
    }

    private static String csv(List<Row> rows) {
        StringBuilder out = new StringBuilder(String.join(",", SCHEMA.fieldNames())).append('\n');
        for (Row row : rows) {
            for (int i = 0; i < row.length(); i++) {
                out.append(i == 0 ? "" : ",").append(row.isNullAt(i) ? "" : csvValue(row.get(i)));
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static String csvValue(Object value) {
        String text = String.valueOf(value);
        return text.contains(",") || text.contains("\"")
                ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }

    private static StructType schema() {
        StructType schema = new StructType()
                .add("task", DataTypes.StringType, false)
                .add("model", DataTypes.StringType, true)
                .add("role", DataTypes.StringType, false)
                .add("tiles", DataTypes.LongType, false)
                .add("failed", DataTypes.LongType, false)
                .add("scored", DataTypes.LongType, false);
        for (Metric metric : Metric.values()) {
            schema = schema.add(metric.column(), DataTypes.DoubleType, true);
        }
        for (Metric metric : Metric.values()) {
            schema = schema.add(metric.column() + "_change", DataTypes.DoubleType, true);
        }
        return schema.add("previous_run", DataTypes.StringType, true);
    }
}
