package diffusionsat.spark;

import diffusionsat.evaluation.EvaluationTile;
import diffusionsat.evaluation.InceptionFeatures;
import diffusionsat.evaluation.RoleMetrics;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
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
            .add("uncertainty", DataTypes.DoubleType, true)
            .add("caption", DataTypes.StringType, true)
            .add("input_radiometry", DataTypes.StringType, true)
            .add("target_radiometry", DataTypes.StringType, true);

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
            .add("clip_score", DataTypes.DoubleType, true)
            .add("reference_resampled", DataTypes.BooleanType, true)
            .add("valid_fraction", DataTypes.DoubleType, true)
            .add("skipped", DataTypes.StringType, true)
            .add("error_class", DataTypes.StringType, true)
            .add("error_message", DataTypes.StringType, true);

    /** The Inception features FID and IS need, beside the metrics; null without the network. */
    public static final StructType FEATURES = new StructType()
            .add("pool", DataTypes.createArrayType(DataTypes.FloatType, false), true)
            .add("logits", DataTypes.createArrayType(DataTypes.FloatType, false), true);

    /**
     * What {@link EvaluationFn} emits: {@link #SCHEMA} and {@link #FEATURES}, one row per tile
     * and role, plus a {@link RoleMetrics#TARGET} row with the target's features where FID
     * needs them (left out of metrics/).
     */
    public static final StructType WITH_FEATURES = new StructType(
            Stream.concat(Arrays.stream(SCHEMA.fields()), Arrays.stream(FEATURES.fields()))
                    .toArray(StructField[]::new));

    private EvaluationRows() {}

    public static Row ok(EvaluationTile tile, String task, RoleMetrics m) {
        InceptionFeatures f = m.features();
        return RowFactory.create(tile.id(), task, m.model(), m.role(), OK, timestamp(tile),
                tile.cloudCover(), m.mse(), m.psnr(), m.ssim(), m.lpips(), m.consistency(),
                m.role().equals(RoleMetrics.MODEL) ? tile.uncertainty() : null, m.clipScore(),
                m.referenceResampled(), m.validFraction(), m.skipped(), null, null,
                f == null ? null : f.pool(),
                f == null ? null : f.logits());
    }

    /** The target's features, the real images FID compares each role's outputs with. */
    public static Row target(EvaluationTile tile, String task, InceptionFeatures f) {
        return RowFactory.create(tile.id(), task, null, RoleMetrics.TARGET, OK, timestamp(tile),
                tile.cloudCover(), null, null, null, null, null, null, null, null, null, null,
                null, null, f.pool(), f.logits());
    }

    /** A tile that could not be evaluated: one {@code model} row naming the cause. */
    public static Row failed(EvaluationTile tile, String task, Throwable error) {
        return RowFactory.create(tile.id(), task, tile.model(), RoleMetrics.MODEL, FAILED,
                timestamp(tile), tile.cloudCover(), null, null, null, null, null, null, null,
                null, null, null, error.getClass().getSimpleName(), error.getMessage(), null,
                null);
    }

    /** Reads a {@link #TILES} row; hrefs are resolved by the caller. */
    public static EvaluationTile tile(Row row, String inputUri, String targetUri) {
        Timestamp time = row.getAs("datetime");
        return new EvaluationTile(row.getAs("id"), row.getAs("model"), row.getAs("href"),
                inputUri, targetUri, time == null ? null : time.toInstant(),
                row.getAs("cloud_cover"), row.getAs("uncertainty"), row.getAs("caption"),
                row.getAs("input_radiometry"), row.getAs("target_radiometry"));
    }

    private static Timestamp timestamp(EvaluationTile tile) {
        return tile.datetime() == null ? null : Timestamp.from(tile.datetime());
    }
}
