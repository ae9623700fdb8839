package diffusionsat.spark;

import diffusionsat.io.TileException;
import diffusionsat.superres.TileMetrics;
import diffusionsat.temporal.FramePlan;
import diffusionsat.temporal.FrameSelection;
import diffusionsat.temporal.TemporalProcessor;
import diffusionsat.temporal.TemporalRequest;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Row;
import diffusionsat.sampling.SamplingInfo;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The rows of the {@code temporal} job: its input (one request with its sequence's frames) and
 * its output, the results columns of DESIGN.md §3, then what the prediction was conditioned on,
 * then the metric columns of {@link ResultRows#METRICS} (evaluation mode; reference = split).
 */
public final class TemporalRows {
    public static final String SKIPPED = "skipped";

    /** Input columns the job builds: a request and its sequence's catalogue rows. */
    public static final String REQUEST_ID = "request_id";
    public static final String SEQUENCE_ID = "sequence_id";
    public static final String TARGET = "target_datetime";
    public static final String CAPTION = "caption";
    public static final String SELECTION = "selection";
    public static final String HELD_OUT = "held_out";
    public static final String FRAMES = "frames";

    /** What each output row says about its conditioning. */
    public static final StructType CONDITIONING = new StructType()
            .add(SEQUENCE_ID, DataTypes.StringType, true)
            .add(TARGET, DataTypes.TimestampType, true)
            .add(SELECTION, DataTypes.StringType, true)
            .add("split", DataTypes.StringType, true)
            .add("conditioning_ids", DataTypes.createArrayType(DataTypes.StringType), true)
            .add("padded_frames", DataTypes.IntegerType, true)
            .add("duplicates_dropped", DataTypes.IntegerType, true)
            .add("unusable_frames", DataTypes.IntegerType, true)
            .add("resampled_frames", DataTypes.IntegerType, true);

    public static final StructType SCHEMA = concat(ResultRows.RESULTS, CONDITIONING,
            ResultRows.METRICS);

    private TemporalRows() {}

    /** The request of an input row; a {@link TileException} when its target is unreadable. */
    public static TemporalRequest request(Row row) {
        String sequenceId = string(row, SEQUENCE_ID);
        String id = string(row, REQUEST_ID);
        Object rawTarget = row.isNullAt(row.fieldIndex(TARGET)) ? null : row.getAs(TARGET);
        Instant target = rawTarget == null ? null
                : parseTime(id != null ? id : String.valueOf(sequenceId), rawTarget);
        if ((id == null || id.isBlank()) && sequenceId != null && target != null) {
            id = TemporalRequest.defaultId(sequenceId, target);
        }
        String caption = string(row, CAPTION);
        String selection = string(row, SELECTION);
        return new TemporalRequest(id, sequenceId, target, caption == null ? "" : caption,
                FrameSelection.valueOf(selection.toUpperCase(Locale.ROOT).replace('-', '_')),
                string(row, HELD_OUT));
    }

    /**
     * The sequence's catalogue rows; none when the sequence is not in the catalogue. A frame
     * whose row is malformed (no id, a column of the wrong type) is a {@link TileException} for
     * {@code requestId} naming the frame and the cause: the request fails, the job goes on.
     */
    public static List<TileRef> frames(String requestId, Row row) {
        int i = row.fieldIndex(FRAMES);
        if (row.isNullAt(i)) {
            return List.of();
        }
        List<TileRef> out = new ArrayList<>();
        for (Row frame : row.<Row>getList(i)) {
            TileRef tile;
            try {
                tile = TileRef.fromRow(frame);
            } catch (TileException e) {
                throw new TileException(requestId, "its sequence's frame " + e.getMessage(), e);
            }
            if (tile.id() == null) {
                throw new TileException(requestId, "its sequence has a frame without id (href "
                        + tile.href() + ")");
            }
            out.add(tile);
        }
        return out;
    }

    /**
     * A target time from a timestamp, a date (midnight UTC) or text: ISO date, ISO date-time
     * with or without offset (UTC when absent), with {@code T} or a space.
     */
    public static Instant parseTime(String requestId, Object value) {
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof java.sql.Date d) {
            return d.toLocalDate().atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        if (value instanceof Instant t) {
            return t;
        }
        String text = value.toString().trim().replace(' ', 'T');
        try {
            if (text.length() == 10) {
                return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            if (text.endsWith("Z") || text.matches(".*[+-]\\d\\d:?\\d\\d$")) {
                return OffsetDateTime.parse(text).toInstant();
            }
            return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new TileException(requestId, "target datetime '" + value + "' is not an ISO"
                    + " date or date-time", e);
        }
    }

    public static Row ok(TemporalProcessor.Outcome outcome, long seed, SamplingInfo sampling,
            long durationMs) {
        TemporalProcessor.Prepared p = outcome.prepared();
        FramePlan plan = p.plan();
        TileMetrics m = outcome.metrics();
        return ResultRows.withMetrics(m, ResultRows.values(p.request().id(), ResultRows.OK,
                outcome.href(), seed, sampling, durationMs, null),
                p.request().sequenceId(), Timestamp.from(p.request().target()),
                label(p.request().selection()), plan.split().label(),
                CollectionConverters.asScala(plan.frameIds()).toList(),
                plan.padded(), plan.duplicatesDropped(), plan.unusable(), p.resampledFrames());
    }

    /** A request that failed ({@code failed}) or had nothing to predict from ({@code skipped}). */
    public static Row notDone(String status, String id, TemporalRequest request, long seed,
            SamplingInfo sampling, long durationMs, Throwable error) {
        return ResultRows.withMetrics(null, ResultRows.values(id, status, null, seed, sampling,
                durationMs, error),
                request == null ? null : request.sequenceId(),
                request == null || request.target() == null ? null
                        : Timestamp.from(request.target()),
                request == null ? null : label(request.selection()),
                null, null, null, null, null, null);
    }

    private static String label(FrameSelection selection) {
        return selection.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static String string(Row row, String column) {
        if (row.schema().getFieldIndex(column).isEmpty()) {
            return null;
        }
        int i = row.fieldIndex(column);
        return row.isNullAt(i) ? null : row.get(i).toString();
    }

    /** The fields of {@code parts}, in order. */
    static StructType concat(StructType... parts) {
        StructType out = new StructType();
        for (StructType part : parts) {
            for (var field : part.fields()) {
                out = out.add(field);
            }
        }
        return out;
    }
}
