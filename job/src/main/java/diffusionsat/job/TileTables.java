package diffusionsat.job;

import diffusionsat.io.storage.Storage;
import diffusionsat.spark.ResultRows;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Writes a tile job's tables (DESIGN.md §3): results/ and metrics/ as Parquet, and summary/ as
 * Parquet, CSV and Markdown. Metrics are summarised per model and reference kind.
 */
public final class TileTables {
    /**
     * results/: DESIGN.md §3's columns, the uncertainty map and the scene's chunk count, null
     * where a job has none.
     */
    public static final StructType RESULTS_TABLE = new StructType(concat(new StructType(
            concat(ResultRows.RESULTS, ResultRows.UNCERTAINTY)), ResultRows.SCENE));

    /** metrics/: one row per tile and metric set. */
    public static final StructType METRICS_TABLE = new StructType()
            .add("id", DataTypes.StringType, false)
            .add("model", DataTypes.StringType, false)
            .add("reference", DataTypes.StringType, true)
            .add("mse", DataTypes.DoubleType, true)
            .add("psnr", DataTypes.DoubleType, true)
            .add("ssim", DataTypes.DoubleType, true)
            .add("reference_resampled", DataTypes.BooleanType, true)
            .add("valid_fraction", DataTypes.DoubleType, true)
            .add("metrics_skipped", DataTypes.StringType, true)
            .add("uncertainty", DataTypes.DoubleType, true);

    static final String SUPERRES_NOTE = "`target` rows compare with a high-res ground"
            + " truth, `wald` rows with the input after degrading and restoring it (Wald's"
            + " protocol); Uncertainty (σ) is the mean per-pixel standard deviation over"
            + " superres.uncertaintySamples seeds' samples (n/a when off).";

    private final RunFolder run;
    private final Storage storage;
    private final String referenceNote;

    public TileTables(RunFolder run, Storage storage) {
        this(run, storage, SUPERRES_NOTE);
    }

    /** With the summary's sentence on what the job's {@code reference} values mean. */
    public TileTables(RunFolder run, Storage storage, String referenceNote) {
        this.run = run;
        this.storage = storage;
        this.referenceNote = referenceNote;
    }

    /** Writes every table from the combined rows ({@link ResultRows#SCHEMA}); returns the counts. */
    public Counts write(Dataset<Row> jobRows) {
        Dataset<Row> rows = withUncertaintyColumns(jobRows);
        rows.select(Columns.of(RESULTS_TABLE.fieldNames())).coalesce(1)
                .write().mode(SaveMode.Overwrite).parquet(run.results());
        Dataset<Row> metrics = rows.filter(functions.col("reference").isNotNull()
                        .or(functions.col("uncertainty").isNotNull()))
                .select(Columns.of(METRICS_TABLE.fieldNames()));
        metrics.coalesce(1).write().mode(SaveMode.Overwrite).parquet(run.metrics());

        Dataset<Row> summary = metrics.groupBy("model", "reference").agg(
                functions.count("id").alias("tiles"),
                functions.avg("mse").alias("mse"),
                // PSNR is infinite for a perfect tile: average the finite ones.
                functions.avg(functions.when(functions.col("psnr").isin(Double.POSITIVE_INFINITY),
                        null).otherwise(functions.col("psnr"))).alias("psnr"),
                functions.avg("ssim").alias("ssim"),
                functions.avg("uncertainty").alias("uncertainty"))
                .orderBy("model", "reference");
        // Summaries are a handful of rows: aggregate once, then write them from the driver.
        List<Row> summaryRows = summary.collectAsList();
        rows.sparkSession().createDataFrame(summaryRows, summary.schema()).coalesce(1)
                .write().mode(SaveMode.Overwrite).parquet(run.summary() + "/parquet");
        storage.writeString(run.summary() + "/summary.csv", csv(summaryRows));

        List<Row> statuses = rows.groupBy("status").count().collectAsList();
        long ok = count(statuses, ResultRows.OK);
        long failed = count(statuses, ResultRows.FAILED);
        storage.writeString(run.summary() + "/summary.md", markdown(summaryRows, ok, failed));
        return new Counts(ok + failed, ok, failed);
    }

    /** Jobs without an uncertainty map or chunks get those columns as nulls. */
    private static Dataset<Row> withUncertaintyColumns(Dataset<Row> rows) {
        Dataset<Row> out = rows;
        for (StructField field : concat(ResultRows.UNCERTAINTY, ResultRows.SCENE)) {
            if (!List.of(rows.columns()).contains(field.name())) {
                out = out.withColumn(field.name(), functions.lit(null).cast(field.dataType()));
            }
        }
        return out;
    }

    private static StructField[] concat(StructType a, StructType b) {
        List<StructField> fields = new ArrayList<>(List.of(a.fields()));
        fields.addAll(List.of(b.fields()));
        return fields.toArray(StructField[]::new);
    }

    /** Tile counts taken from the results. */
    public record Counts(long total, long ok, long failed) {}

    private static long count(List<Row> statuses, String status) {
        return statuses.stream().filter(r -> status.equals(r.getString(0)))
                .mapToLong(r -> r.getLong(1)).sum();
    }

    private static String csv(List<Row> rows) {
        StringBuilder out = new StringBuilder(
                "model,reference,tiles,mse,psnr,ssim,uncertainty\n");
        for (Row r : rows) {
            out.append(String.format(Locale.ROOT, "%s,%s,%d,%s,%s,%s,%s%n", r.getString(0),
                    r.isNullAt(1) ? "" : r.getString(1), r.getLong(2), number(r, 3, "%.8g"),
                    number(r, 4, "%.6f"), number(r, 5, "%.6f"), number(r, 6, "%.6f")));
        }
        return out.toString();
    }

    private String markdown(List<Row> rows, long ok, long failed) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "# Summary%n%n%d tiles: %d ok, %d failed.%n%n",
                ok + failed, ok, failed));
        if (rows.isEmpty()) {
            out.append("No tile has a reference to score against.\n");
            return out.toString();
        }
        out.append("| model | reference | tiles | MSE | PSNR (dB) | SSIM | Uncertainty (σ) |\n");
        out.append("|---|---|---:|---:|---:|---:|---:|\n");
        for (Row r : rows) {
            out.append(String.format(Locale.ROOT, "| %s | %s | %d | %s | %s | %s | %s |%n",
                    r.getString(0), r.isNullAt(1) ? "none" : r.getString(1), r.getLong(2),
                    number(r, 3, "%.6f"), number(r, 4, "%.3f"), number(r, 5, "%.4f"),
                    number(r, 6, "%.5f")));
        }
        out.append("\nMetrics as the README's \"Metrics\" section defines them: images in [0,1] RGB at the output "
                + "resolution; ").append(referenceNote).append("\n");
        return out.toString();
    }

    private static String number(Row row, int index, String format) {
        return row.isNullAt(index) ? "n/a" : String.format(Locale.ROOT, format, row.getDouble(index));
    }
}
