package diffusionsat.spark;

import diffusionsat.sampling.SamplingInfo;
import diffusionsat.superres.TileMetrics;
import java.util.Arrays;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The rows a tile job emits: the results table of DESIGN.md §3 followed by the per-tile metric
 * columns (null where a tile has none), split into results/ and metrics/ by the job.
 */
public final class ResultRows {
    public static final String OK = "ok";
    public static final String FAILED = "failed";

    /** DESIGN.md §3 results columns, in order. */
    public static final StructType RESULTS = new StructType()
            .add("id", DataTypes.StringType, false)
            .add("status", DataTypes.StringType, false)
            .add("href", DataTypes.StringType, true)
            .add("seed", DataTypes.LongType, false)
            .add("model", DataTypes.StringType, false)
            .add("scheduler", DataTypes.StringType, true)
            .add("steps", DataTypes.IntegerType, false)
            .add("guidance", DataTypes.DoubleType, false)
            .add("batch_invariant", DataTypes.BooleanType, true)
            .add("duration_ms", DataTypes.LongType, false)
            .add("error_class", DataTypes.StringType, true)
            .add("error_message", DataTypes.StringType, true);

    /** Per-tile metric columns (DESIGN.md §7). */
    public static final StructType METRICS = new StructType()
            .add("reference", DataTypes.StringType, true)
            .add("mse", DataTypes.DoubleType, true)
            .add("psnr", DataTypes.DoubleType, true)
            .add("ssim", DataTypes.DoubleType, true)
            .add("reference_resampled", DataTypes.BooleanType, true)
            .add("valid_fraction", DataTypes.DoubleType, true)
            .add("metrics_skipped", DataTypes.StringType, true);

    public static final StructType SCHEMA = merge(RESULTS, METRICS);

    /**
     * Results columns of a job that samples several seeds per tile ({@code
     * superres.uncertaintySamples}): the standard-deviation COG and its mean; null otherwise.
     */
    public static final StructType UNCERTAINTY = new StructType()
            .add("uncertainty_href", DataTypes.StringType, true)
            .add("uncertainty", DataTypes.DoubleType, true);

    /** {@link #SCHEMA} followed by {@link #UNCERTAINTY}: the rows of the superres job. */
    public static final StructType WITH_UNCERTAINTY = merge(SCHEMA, UNCERTAINTY);

    /** The superres job's scene columns: how many chunks (work items) a scene was cut into. */
    public static final StructType SCENE = new StructType()
            .add("chunks", DataTypes.IntegerType, true);

    /** {@link #WITH_UNCERTAINTY} followed by {@link #SCENE}: the superres job's result rows. */
    public static final StructType WITH_CHUNKS = merge(WITH_UNCERTAINTY, SCENE);

    private ResultRows() {}

    public static Row ok(String id, String href, long seed, SamplingInfo sampling,
            long durationMs, TileMetrics metrics) {
        return withMetrics(metrics, values(id, OK, href, seed, sampling, durationMs, null));
    }

    public static Row failed(String id, long seed, SamplingInfo sampling, long durationMs,
            Throwable error) {
        return withMetrics(null, values(id, FAILED, null, seed, sampling, durationMs, error));
    }

    /** A failed row from an error recorded earlier (a failed chunk's class and message). */
    public static Row failed(String id, long seed, SamplingInfo sampling, long durationMs,
            String errorClass, String errorMessage) {
        Object[] results = values(id, FAILED, null, seed, sampling, durationMs, null);
        results[RESULTS.fieldIndex("error_class")] = errorClass;
        results[RESULTS.fieldIndex("error_message")] = errorMessage;
        return withMetrics(null, results);
    }

    /** The {@link #RESULTS} values of a row, for tables that extend it with their columns. */
    public static Object[] values(String id, String status, String href, long seed,
            SamplingInfo sampling, long durationMs, Throwable error) {
        return new Object[] {id, status, href, seed, sampling.model(), sampling.scheduler(),
            sampling.steps(), sampling.guidance(), sampling.batchInvariant(), durationMs,
            error == null ? null : error.getClass().getSimpleName(),
            error == null ? null : error.getMessage()};
    }

    /**
     * A row of {@code results} ({@link #values}), then a table's own {@code columns}, then the
     * {@link #METRICS} columns of {@code metrics} (all null without).
     */
    public static Row withMetrics(TileMetrics metrics, Object[] results, Object... columns) {
        int prefix = results.length + columns.length;
        Object[] row = Arrays.copyOf(results, prefix + METRICS.size());
        System.arraycopy(columns, 0, row, results.length, columns.length);
        if (metrics != null) {
            Object[] m = {metrics.reference(), metrics.mse(), metrics.psnr(), metrics.ssim(),
                metrics.referenceResampled(), metrics.validFraction(), metrics.skipped()};
            System.arraycopy(m, 0, row, prefix, m.length);
        }
        return RowFactory.create(row);
    }

    /** A {@link #SCHEMA} row extended to {@link #WITH_UNCERTAINTY}. */
    public static Row withUncertainty(Row row, String href, Double mean) {
        return extended(row, href, mean);
    }

    /** A row extended by {@code values} (the columns of a schema merged after its own). */
    public static Row extended(Row row, Object... values) {
        Object[] out = new Object[row.length() + values.length];
        for (int i = 0; i < row.length(); i++) {
            out[i] = row.get(i);
        }
        System.arraycopy(values, 0, out, row.length(), values.length);
        return RowFactory.create(out);
    }

    private static StructType merge(StructType a, StructType b) {
        StructType out = a;
        for (var field : b.fields()) {
            out = out.add(field);
        }
        return out;
    }
}
