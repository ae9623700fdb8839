package diffusionsat.job.sequence;

import diffusionsat.io.storage.Storage;
import diffusionsat.job.Columns;
import diffusionsat.job.RequestTables;
import diffusionsat.job.RunFolder;
import diffusionsat.job.RunRecords;
import diffusionsat.job.TileJob;
import diffusionsat.job.config.RunConfig;
import diffusionsat.sequence.SeedRequest;
import diffusionsat.sequence.SequenceDates;
import diffusionsat.sequence.SequenceSettings;
import diffusionsat.spark.RecordInputs;
import diffusionsat.spark.SequenceFn;
import diffusionsat.spark.SequenceRows;
import diffusionsat.spark.TileRecorder;
import java.util.List;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The {@code sequence} job (DESIGN.md §1): seed requests → partitions → {@link SequenceFn} → one
 * COG per image and date, results and summary tables, and {@code sequence/}: each image's date,
 * step and the images it was conditioned on. A rerun of the same run id keeps every sequence an
 * earlier attempt finished (all its images ok and present) and generates the others again.
 */
public final class SequenceJob extends TileJob<Row, SequenceSettings> {
    public static final String NAME = "sequence";

    private final String requestsUri;

    public SequenceJob(String requestsUri, RunFolder run, RunConfig runConfig,
            SequenceSettings settings, Storage storage) {
        super(NAME, "sequences", run, runConfig, settings, storage);
        this.requestsUri = requestsUri;
    }

    @Override
    protected Dataset<Row> plan(SparkSession spark) {
        Dataset<Row> table = RequestTables.read(spark, requestsUri,
                List.of("id", "lon", "lat", "gsd", "datetime"));
        return table.select(SequenceRows.INPUT.stream()
                .map(c -> RequestTables.optional(table, c, DataTypes.StringType).as(c))
                .toArray(Column[]::new));
    }

    @Override
    protected StructType schema() {
        return SequenceRows.SCHEMA;
    }

    @Override
    protected Dataset<Row> todo(Dataset<Row> work, Dataset<Row> carried) {
        Dataset<Row> done = carried.select("sequence_id").distinct();
        return work.join(done, work.col("id").equalTo(done.col("sequence_id")), "left_anti");
    }

    @Override
    protected TileRecorder recorder() {
        return RunRecords.recorder(run, settings.model(), "sequence", schema(), storage);
    }

    @Override
    protected Dataset<Row> process(Dataset<Row> todo, long total, TileRecorder recorder) {
        return recorded(todo, total, d -> d,
                new SequenceFn(settings, storage),
                request -> RecordInputs.none(), recorder);
    }

    @Override
    protected String referenceNote() {
        return "sequences have no reference.";
    }

    /** {@code <run>/sequence}: each image's place in its sequence. */
    @Override
    protected void writeDetails(Dataset<Row> rows) {
        rows.select(Columns.withLeading("id", SequenceRows.SEQUENCE.fieldNames())).coalesce(1)
                .write().mode(SaveMode.Overwrite).parquet(run.root() + "/sequence");
    }

    /**
     * Image rows of the sequences an earlier attempt of this run finished: as many recorded
     * images, each with its output, as the request has dates. Counted per sequence in Spark.
     */
    @Override
    protected Dataset<Row> carried(Dataset<Row> requests) {
        Dataset<Row> images = super.carried(requests);
        Dataset<Row> expected = requests.map((MapFunction<Row, Row>) SequenceJob::expectedImages,
                Encoders.row(new StructType().add("expected_id", DataTypes.StringType)
                        .add("expected", DataTypes.IntegerType)));
        Dataset<Row> complete = images.groupBy("sequence_id").count()
                .join(expected, functions.col("sequence_id").equalTo(functions.col("expected_id"))
                        .and(functions.col("count").equalTo(functions.col("expected"))))
                .select(functions.col("sequence_id").as("complete_id"));
        return images.join(complete, images.col("sequence_id").equalTo(complete.col("complete_id")),
                "left_semi");
    }

    /** A request's id and its number of images; -1 for one that cannot be read (redone). */
    private static Row expectedImages(Row request) {
        try {
            SeedRequest seed = SequenceRows.request(request);
            return RowFactory.create(seed.id(), SequenceDates.of(seed.id(), seed.start(),
                    seed.dates()).dates().size());
        } catch (RuntimeException unreadable) {
            return RowFactory.create(request.getAs("id") == null ? null
                    : request.getAs("id").toString(), -1);
        }
    }
}
