package diffusionsat.spark;

import diffusionsat.evaluation.EvaluationTile;
import diffusionsat.evaluation.RoleMetrics;
import java.sql.Timestamp;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The rows of the {@code evaluate} job's metrics table (DESIGN.md §3 {@code metrics/}): one per
 * tile and role ({@code model} or {@code baseline}); metric columns are null where not computed,
 * and {@code skipped} says why.
 */
public final class EvaluationRows {
    public static final String OK = "ok";
    public static final String FAILED = "failed";

    /** The columns the evaluation reads: a results row joined with its catalogue row. */
    public static final StructType TILES = new StructType()
            .add("id", DataTypes.StringType, false)
            .add("model", DataTypes.StringType, true)
            .add("href", DataTypes.StringType, true)
            .add("input_href", DataTypes.StringType, true)
            .add("target_href", DataTypes.StringType, true)
            .add("datetime", DataTypes.TimestampType, true)
            .add("cloud_cover", DataTypes.DoubleType, true)
            .add("uncertainty", DataTypes.DoubleType, true);

    /** metrics/ columns, in order. */
    public static final StructType SCHEMA = new StructType()
            .add("id", DataTypes.StringType, false)
            .add("task", DataTypes.StringType, false)
            .add("model", DataTypes.StringType, true)
            .add("role", DataTypes.StringType, false)
            .add("status", DataTypes.StringType, false)
            .add("datetime", DataTypes.TimestampType, true)
            .add("cloud_cover", DataTypes.DoubleType, true)
            .add("mse", DataTypes.DoubleType, true)
            .add("psnr", DataTypes.DoubleType, true)
            .add("ssim", DataTypes.DoubleType, true)
            .add("lpips", DataTypes.DoubleType, true)
            .add("consistency", DataTypes.DoubleType, true)
            .add("uncertainty", DataTypes.DoubleType, true)
            .add("reference_resampled", DataTypes.BooleanType, true)
            .add("skipped", DataTypes.StringType, true)
            .add("error_class", DataTypes.StringType, true)
            .add("error_message", DataTypes.StringType, true);

    private EvaluationRows() {}

    public static Row ok(EvaluationTile tile, String task, RoleMetrics m) {
        return RowFactory.create(tile.id(), task, m.model(), m.role(), OK, timestamp(tile),
                tile.cloudCover(), m.mse(), m.psnr(), m.ssim(), m.lpips(), m.consistency(),
                m.role().equals(RoleMetrics.MODEL) ? tile.uncertainty() : null,
                m.referenceResampled(), m.skipped(), null, null);
    }

    /** A tile that could not be evaluated: one {@code model} row naming the cause. */
    public static Row failed(EvaluationTile tile, String task, Throwable error) {
        return RowFactory.create(tile.id(), task, tile.model(), RoleMetrics.MODEL, FAILED,
                timestamp(tile), tile.cloudCover(), null, null, null, null, null, null, null, null,
                error.getClass().getSimpleName(), error.getMessage());
    }

    /** Reads a {@link #TILES} row; hrefs are resolved by the caller. */
    public static EvaluationTile tile(Row row, String inputUri, String targetUri) {
        Timestamp time = row.getAs("datetime");
        return new EvaluationTile(row.getAs("id"), row.getAs("model"), row.getAs("href"),
                inputUri, targetUri, time == null ? null : time.toInstant(),
                row.getAs("cloud_cover"), row.getAs("uncertainty"));
    }

    private static Timestamp timestamp(EvaluationTile tile) {
        return tile.datetime() == null ? null : Timestamp.from(tile.datetime());
    }
}
