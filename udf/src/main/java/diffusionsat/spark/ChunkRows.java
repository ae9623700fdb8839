package diffusionsat.spark;

import diffusionsat.io.raster.RasterWindow;
import diffusionsat.superres.ChunkOutcome;
import diffusionsat.superres.SceneChunk;
import diffusionsat.superres.TileMetrics;
import java.sql.Timestamp;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The rows between the superres job's stages: planned chunks (the tile's catalogue columns, by
 * their catalogue names so {@link TileRef#fromRow} reads them, plus the chunk), and what each
 * chunk produced. A scene whose header cannot be read is planned as one chunk carrying the
 * error, so it still ends in one failed row.
 */
public final class ChunkRows {
    /** Where a chunk lies in its scene, in both tables. */
    private static final StructType CHUNK = new StructType()
            .add("chunk_index", DataTypes.IntegerType, false)
            .add("chunk_count", DataTypes.IntegerType, false)
            .add("chunk_x", DataTypes.IntegerType, false)
            .add("chunk_y", DataTypes.IntegerType, false)
            .add("chunk_width", DataTypes.IntegerType, false)
            .add("chunk_height", DataTypes.IntegerType, false);

    /** Planned chunks. */
    public static final StructType PLANNED = withChunk(new StructType()
            .add("id", DataTypes.StringType, true)
            .add("href", DataTypes.StringType, true)
            .add("target_href", DataTypes.StringType, true)
            .add("bands", DataTypes.createArrayType(DataTypes.StringType), true)
            .add("datetime", DataTypes.TimestampType, true)
            .add("lon", DataTypes.DoubleType, true)
            .add("lat", DataTypes.DoubleType, true)
            .add("gsd", DataTypes.DoubleType, true)
            .add("eo:cloud_cover", DataTypes.DoubleType, true)
            .add("radiometry", DataTypes.StringType, true))
            .add("plan_error_class", DataTypes.StringType, true)
            .add("plan_error", DataTypes.StringType, true)
            .add("windows", DataTypes.LongType, false);

    /** Chunk results; written to {@code chunks/} beside the run's tables. */
    public static final StructType DONE = withChunk(new StructType()
            .add("id", DataTypes.StringType, false))
            .add("status", DataTypes.StringType, false)
            .add("error_class", DataTypes.StringType, true)
            .add("error_message", DataTypes.StringType, true)
            .add("missing_pixels", DataTypes.LongType, false)
            .add("pixels", DataTypes.LongType, false)
            .add("reference", DataTypes.StringType, true)
            .add("mse", DataTypes.DoubleType, true)
            .add("psnr", DataTypes.DoubleType, true)
            .add("ssim", DataTypes.DoubleType, true)
            .add("metric_pixels", DataTypes.LongType, false)
            .add("reference_resampled", DataTypes.BooleanType, true)
            .add("valid_fraction", DataTypes.DoubleType, true)
            .add("metrics_skipped", DataTypes.StringType, true)
            .add("duration_ms", DataTypes.LongType, false)
            .add("partition", DataTypes.IntegerType, false)
            .add("batch_invariant", DataTypes.BooleanType, true);

    private ChunkRows() {}

    private static StructType withChunk(StructType head) {
        StructType out = head;
        for (var field : CHUNK.fields()) {
            out = out.add(field);
        }
        return out;
    }

    /** A planned chunk of {@code tile}, rendered in {@code windows} model windows (0: none). */
    public static Row planned(TileRef tile, SceneChunk chunk, long windows) {
        RasterWindow core = chunk.core();
        return plannedRow(tile, chunk.index(), chunk.count(), core.x(), core.y(), core.width(),
                core.height(), null, null, windows);
    }

    /** The one planned "chunk" of a scene that could not be planned. */
    public static Row unplanned(TileRef tile, Exception error) {
        return plannedRow(tile, 0, 1, 0, 0, 1, 1, error.getClass().getSimpleName(),
                error.getMessage(), 0);
    }

    /** The chunk a planned or done row describes. */
    public static SceneChunk chunkOf(Row row) {
        return new SceneChunk(row.getAs("chunk_index"), row.getAs("chunk_count"),
                new RasterWindow(row.getAs("chunk_x"), row.getAs("chunk_y"),
                        row.getAs("chunk_width"), row.getAs("chunk_height")));
    }

    public static Row done(String id, SceneChunk chunk, ChunkOutcome outcome, long durationMs,
            int partition, Boolean batchInvariant) {
        TileMetrics m = outcome.metrics();
        RasterWindow c = chunk.core();
        return RowFactory.create(id, chunk.index(), chunk.count(), c.x(), c.y(), c.width(),
                c.height(), ResultRows.OK, null, null,
                outcome.missingPixels(), outcome.pixels(), m == null ? null : m.reference(),
                m == null ? null : m.mse(), m == null ? null : m.psnr(),
                m == null ? null : m.ssim(), outcome.metricPixels(),
                m == null ? null : m.referenceResampled(), m == null ? null : m.validFraction(),
                m == null ? null : m.skipped(), durationMs, partition, batchInvariant);
    }

    public static Row failed(String id, SceneChunk chunk, String errorClass, String message,
            long durationMs, int partition, Boolean batchInvariant) {
        RasterWindow c = chunk.core();
        return RowFactory.create(id, chunk.index(), chunk.count(), c.x(), c.y(), c.width(),
                c.height(), ResultRows.FAILED,
                errorClass, message, 0L, 0L, null, null, null, null, 0L, null, null, null,
                durationMs, partition, batchInvariant);
    }

    /** The outcome a done row records. */
    public static ChunkOutcome outcomeOf(Row row) {
        String reference = row.getAs("reference");
        TileMetrics metrics = reference == null ? null : new TileMetrics(reference,
                row.getAs("mse"), row.getAs("psnr"), row.getAs("ssim"),
                row.getAs("reference_resampled"), row.getAs("valid_fraction"),
                row.getAs("metrics_skipped"));
        return new ChunkOutcome(row.getAs("missing_pixels"), row.getAs("pixels"), metrics,
                row.getAs("metric_pixels"));
    }

    private static Row plannedRow(TileRef tile, int index, int count, int x, int y, int width,
            int height, String errorClass, String error, long windows) {
        return RowFactory.create(tile.id(), tile.href(), tile.targetHref(),
                scala.jdk.javaapi.CollectionConverters.asScala(tile.bands()).toSeq(),
                tile.datetime() == null ? null : Timestamp.from(tile.datetime()), tile.lon(),
                tile.lat(), tile.gsd(), tile.cloudCover(), tile.radiometry(), index, count, x, y,
                width, height, errorClass, error, windows);
    }
}
