package diffusionsat.spark;

import diffusionsat.io.TileException;
import diffusionsat.sequence.AutoRegressiveSequence;
import diffusionsat.sequence.SeedRequest;
import diffusionsat.sequence.SequenceDates;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import diffusionsat.sampling.SamplingInfo;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The rows of the {@code sequence} job: its input (a seed request: id, caption, lon, lat, gsd,
 * datetime, and either dates or step_days + count) and its output, one row per image: the
 * results columns of DESIGN.md §3, then where the image sits in its sequence.
 */
public final class SequenceRows {
    /** Input columns; text (CSV) or typed (Parquet) values are both read. */
    public static final List<String> INPUT = List.of("id", "caption", "lon", "lat", "gsd",
            "datetime", "dates", "step_days", "count");

    /** What each output row says about its place in the sequence. */
    public static final StructType SEQUENCE = new StructType()
            .add("sequence_id", DataTypes.StringType, true)
            .add("datetime", DataTypes.TimestampType, true)
            .add("step", DataTypes.IntegerType, true)
            .add("conditioning_ids", DataTypes.createArrayType(DataTypes.StringType), true)
            .add("padded_frames", DataTypes.IntegerType, true)
            .add("duplicates_dropped", DataTypes.IntegerType, true);

    public static final StructType SCHEMA = TemporalRows.concat(ResultRows.RESULTS, SEQUENCE,
            ResultRows.METRICS);

    private SequenceRows() {}

    /** The seed request of an input row; a {@link TileException} for unreadable values. */
    public static SeedRequest request(Row row) {
        String id = text(row, "id");
        String name = id == null ? "(no id)" : id;
        Object start = row.getAs("datetime");
        Instant startTime = start == null ? null : TemporalRows.parseTime(name, start);
        return new SeedRequest(id, text(row, "caption") == null ? "" : text(row, "caption"),
                number(row, "lon", name), number(row, "lat", name), number(row, "gsd", name),
                startTime, startTime == null ? List.of() : laterDates(row, name, startTime));
    }

    /**
     * The later dates: the {@code dates} column (a list, or text separated by {@code ;} or
     * {@code |}), else {@code count} dates every {@code step_days} days.
     */
    static List<Instant> laterDates(Row row, String id, Instant start) {
        Object dates = row.getAs("dates");
        List<Instant> out = new ArrayList<>();
        if (dates instanceof scala.collection.Seq<?> seq) {
            CollectionConverters.asJava(seq).forEach(d -> out.add(TemporalRows.parseTime(id, d)));
        } else if (dates instanceof List<?> list) {
            list.forEach(d -> out.add(TemporalRows.parseTime(id, d)));
        } else if (dates != null && !dates.toString().isBlank()) {
            for (String part : dates.toString().split("[;|]")) {
                out.add(TemporalRows.parseTime(id, part));
            }
        }
        if (!out.isEmpty()) {
            return out;
        }
        Double step = number(row, "step_days", id);
        Double count = number(row, "count", id);
        if (step == null || count == null || step < 1 || count < 1) {
            throw new TileException(id, "needs dates, or step_days >= 1 and count >= 1");
        }
        return SequenceDates.stepped(start, step.intValue(), count.intValue());
    }

    public static Row ok(AutoRegressiveSequence.Image image, String sequenceId,
            int duplicatesDropped, long seed, SamplingInfo sampling, long durationMs) {
        return ResultRows.withMetrics(null, ResultRows.values(image.id(), ResultRows.OK,
                image.href(), seed, sampling, durationMs, null), sequenceId,
                Timestamp.from(image.date()), image.step(),
                CollectionConverters.asScala(image.conditioningIds()).toList(), image.padded(),
                duplicatesDropped);
    }

    public static Row failed(String id, long seed, SamplingInfo sampling, long durationMs,
            Throwable error) {
        return ResultRows.withMetrics(null, ResultRows.values(id, ResultRows.FAILED, null, seed,
                sampling, durationMs, error), id, null, null, null, null, null);
    }

    private static String text(Row row, String column) {
        Object value = row.getAs(column);
        return value == null || value.toString().isBlank() ? null : value.toString();
    }

    private static Double number(Row row, String column, String id) {
        Object value = row.getAs(column);
        if (value == null || value.toString().isBlank()) {
            return null;
        }
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new TileException(id, column + " '" + value + "' is not a number", e);
        }
    }
}
