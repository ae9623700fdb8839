package diffusionsat.job;

import diffusionsat.io.ConfigException;
import diffusionsat.io.storage.OutputNames;
import diffusionsat.io.storage.Storage;
import diffusionsat.spark.ResultRows;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;

/**
 * One run's output folder, {@code <output>/<job>/<run-id>/} (DESIGN.md §3), and what an earlier
 * attempt with the same run id already finished there.
 */
public final class RunFolder {
    private final String root;

    /** A {@link ConfigException} naming {@code --run-id} when the id cannot name a folder. */
    public RunFolder(String output, String job, String runId) {
        OutputNames.folderProblem(runId).ifPresent(problem -> {
            throw new ConfigException("--run-id", runId, problem);
        });
        this.root = stripSlash(output) + "/" + job + "/" + runId;
    }

    public String root() {
        return root;
    }

    public String tiles() {
        return root + "/tiles";
    }

    /** Generated images and their JSON sidecars ({@code generate}). */
    public String images() {
        return root + "/images";
    }

    public String results() {
        return root + "/results";
    }

    public String metrics() {
        return root + "/metrics";
    }

    public String summary() {
        return root + "/summary";
    }

    public String success() {
        return root + "/_SUCCESS";
    }

    /**
     * Rows of an earlier attempt to keep: tiles whose result is {@code ok} and whose output file
     * still exists (resume, DESIGN.md §3). Collected to the driver so that the tables can be
     * rewritten in place; result rows are small.
     */
    public List<Row> finishedRows(SparkSession spark, Storage storage) {
        return finishedRows(spark, storage, ResultRows.SCHEMA);
    }

    /** {@link #finishedRows(SparkSession, Storage)} as rows of {@code schema}. */
    public List<Row> finishedRows(SparkSession spark, Storage storage, StructType schema) {
        if (!storage.exists(results())) {
            return List.of();
        }
        Dataset<Row> previous = spark.read().schema(TileTables.RESULTS_TABLE).parquet(results())
                .filter(functions.col("status").equalTo(ResultRows.OK));
        if (storage.exists(metrics())) {
            // The results table has the uncertainty already.
            Dataset<Row> metrics = spark.read().schema(TileTables.METRICS_TABLE).parquet(metrics())
                    .withColumnRenamed("id", "metrics_id").drop("model", "uncertainty");
            previous = previous.join(metrics,
                    previous.col("id").equalTo(metrics.col("metrics_id")), "left");
        } else {
            for (var field : ResultRows.METRICS.fields()) {
                previous = previous.withColumn(field.name(),
                        functions.lit(null).cast(field.dataType()));
            }
        }
        previous = previous.select(Columns.of(schema.fieldNames()));
        return previous.collectAsList().stream()
                .filter(row -> storage.exists(row.getString(row.fieldIndex("href"))))
                .toList();
    }

    private static String stripSlash(String uri) {
        return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
    }
}
