package diffusionsat.job.sequence;

import diffusionsat.io.storage.Storage;
import diffusionsat.job.Columns;
import diffusionsat.job.JobReport;
import diffusionsat.job.PartitionRun;
import diffusionsat.job.RequestTables;
import diffusionsat.job.RunFolder;
import diffusionsat.job.RunRecords;
import diffusionsat.job.TileTables;
import diffusionsat.job.config.RunConfig;
import diffusionsat.sequence.SeedRequest;
import diffusionsat.sequence.SequenceDates;
import diffusionsat.sequence.SequenceSettings;
import diffusionsat.spark.RecordInputs;
import diffusionsat.spark.RecordedFn;
import diffusionsat.spark.ResultRows;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code sequence} job (DESIGN.md §1): seed requests → partitions → {@link SequenceFn} → one
 * COG per image and date, results and summary tables, and {@code sequence/}: each image's date,
 * step and the images it was conditioned on. A rerun of the same run id keeps every sequence an
 * earlier attempt finished (all its images ok and present) and generates the others again.
 */
public final class SequenceJob {
    public static final String NAME = "sequence";
    private static final Logger log = LoggerFactory.getLogger(SequenceJob.class);

    private final String requestsUri;
    private final RunFolder run;
    private final RunConfig runConfig;
    private final SequenceSettings settings;
    private final Storage storage;

    public SequenceJob(String requestsUri, RunFolder run, RunConfig runConfig,
            SequenceSettings settings, Storage storage) {
        this.requestsUri = requestsUri;
        this.run = run;
        this.runConfig = runConfig;
        this.settings = settings;
        this.storage = storage;
    }

    public JobReport run(SparkSession spark) {
        Dataset<Row> table = RequestTables.read(spark, requestsUri,
                List.of("id", "lon", "lat", "gsd", "datetime"));
        Dataset<Row> requests = table.select(SequenceRows.INPUT.stream()
                .map(c -> RequestTables.optional(table, c, DataTypes.StringType).as(c))
                .toArray(Column[]::new));
        Dataset<Row> finished = finishedSequences(spark, requests);
        long images = finished.count();
        Dataset<Row> todo = requests.join(finished.select("sequence_id").distinct(),
                requests.col("id").equalTo(finished.col("sequence_id")), "left_anti");
        long total = todo.count();
        log.info("{}: {} sequences to generate, {} images of finished sequences carried over from"
                + " an earlier attempt of run {}", NAME, total, images, run.root());
        if (runConfig.dryRun()) {
            return PartitionRun.dryRun(spark, NAME, run, total, images, runConfig);
        }
        if (PartitionRun.complete(run, storage, total, images)) {
            return PartitionRun.unchanged(NAME, run, images);
        }
        TileRecorder recorder = RunRecords.recorder(run, settings.model(), "sequence",
                SequenceRows.SCHEMA, storage);
        Dataset<Row> fresh = PartitionRun.process(NAME, todo, total, runConfig, d -> d,
                (doneCount, failed) -> new RecordedFn<>(new SequenceFn(settings, storage,
                        doneCount, failed), recorder, request -> RecordInputs.none()),
                SequenceRows.SCHEMA);
        Dataset<Row> rows = fresh.union(RunRecords.notRedone(finished, fresh));
        TileTables.Counts counts = new TileTables(run, storage, "sequences have no reference.")
                .write(rows);
        rows.select(Columns.withLeading("id", SequenceRows.SEQUENCE.fieldNames())).coalesce(1).write()
                .mode(SaveMode.Overwrite).parquet(details());
        return PartitionRun.finish(NAME, run, storage, counts, fresh, images);
    }

    /** {@code <run>/sequence}: each image's place in its sequence. */
    private String details() {
        return run.root() + "/sequence";
    }

    /**
     * Image rows of the sequences an earlier attempt of this run finished: as many recorded
     * images, each with its output, as the request has dates. Counted per sequence in Spark.
     */
    private Dataset<Row> finishedSequences(SparkSession spark, Dataset<Row> requests) {
        Dataset<Row> images = new RunRecords(run.tiles(), run.tiles(), storage)
                .finished(spark, SequenceRows.SCHEMA);
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
