package diffusionsat.job.temporal;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import diffusionsat.job.RequestTables;
import diffusionsat.spark.TemporalRows;
import diffusionsat.temporal.FrameSelection;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * Builds the {@code temporal} job's input rows on the driver: each request beside the catalogue
 * rows of its sequence ({@link TemporalRows} columns). A request whose sequence is not in the
 * catalogue gets no frames and fails with that cause.
 */
final class TemporalInputs {
    /** The catalogue columns a frame carries ({@code TileRef}); absent ones are left out. */
    private static final List<String> FRAME_COLUMNS = List.of("id", "href", "target_href",
            "bands", "datetime", "lon", "lat", "gsd", "eo:cloud_cover", "radiometry");
    static final List<String> REQUEST_COLUMNS = List.of("sequence_id", "datetime");

    private TemporalInputs() {}

    /** Requests of a table: sequence_id, datetime (the target), optional caption and id. */
    static Dataset<Row> fromRequests(Dataset<Row> catalog, Dataset<Row> requests,
            FrameSelection selection) {
        Dataset<Row> rows = requests.select(
                RequestTables.optional(requests, "id", DataTypes.StringType)
                        .cast(DataTypes.StringType).as(TemporalRows.REQUEST_ID),
                col("sequence_id").cast(DataTypes.StringType).as(TemporalRows.SEQUENCE_ID),
                col("datetime").as(TemporalRows.TARGET),
                RequestTables.optional(requests, "caption", DataTypes.StringType)
                        .as(TemporalRows.CAPTION),
                lit(label(selection)).as(TemporalRows.SELECTION),
                lit(null).cast(DataTypes.StringType).as(TemporalRows.HELD_OUT));
        return withFrames(rows, catalog);
    }

    /**
     * Evaluation requests: every dated frame of every sequence, once per selection rule, with
     * that frame left out; id {@code <frame id>-<rule>}.
     */
    static Dataset<Row> forEvaluation(Dataset<Row> catalog, List<FrameSelection> selections) {
        Column rules = functions.array(selections.stream().map(s -> lit(label(s)))
                .toArray(Column[]::new));
        Dataset<Row> rows = catalog
                .filter(col("sequence_id").isNotNull().and(col("datetime").isNotNull()))
                .select(col("id").as(TemporalRows.HELD_OUT),
                        col("sequence_id").as(TemporalRows.SEQUENCE_ID),
                        col("datetime").as(TemporalRows.TARGET),
                        RequestTables.optional(catalog, "caption", DataTypes.StringType)
                                .as(TemporalRows.CAPTION),
                        functions.explode(rules).as(TemporalRows.SELECTION))
                .withColumn(TemporalRows.REQUEST_ID, functions.concat(
                        col(TemporalRows.HELD_OUT), lit("-"), col(TemporalRows.SELECTION)));
        return withFrames(rows, catalog);
    }

    private static Dataset<Row> withFrames(Dataset<Row> requests, Dataset<Row> catalog) {
        List<String> present = Arrays.asList(catalog.columns());
        Column[] fields = FRAME_COLUMNS.stream().filter(present::contains)
                .map(c -> col("`" + c + "`")).toArray(Column[]::new);
        Dataset<Row> sequences = catalog.filter(col("sequence_id").isNotNull())
                .groupBy(col("sequence_id").as("frames_sequence_id"))
                .agg(functions.collect_list(functions.struct(fields)).as(TemporalRows.FRAMES));
        return requests.join(sequences, requests.col(TemporalRows.SEQUENCE_ID)
                .equalTo(sequences.col("frames_sequence_id")), "left")
                .drop("frames_sequence_id");
    }

    static String label(FrameSelection selection) {
        return selection.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
