package diffusionsat.job.sequence;

import diffusionsat.io.storage.Storage;
import diffusionsat.job.Columns;
import diffusionsat.job.JobReport;
import diffusionsat.job.PartitionRun;
import diffusionsat.job.RequestTables;
import diffusionsat.job.RunFolder;
import diffusionsat.job.TileTables;
import diffusionsat.job.config.RunConfig;
import diffusionsat.sequence.SequenceSettings;
import diffusionsat.spark.ResultRows;
import diffusionsat.spark.SequenceFn;
import diffusionsat.spark.SequenceRows;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
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
        List<Row> finished = finishedSequences(spark);
        Set<String> done = finished.stream().map(r -> r.<String>getAs("sequence_id"))
                .collect(Collectors.toSet());
        Dataset<Row> todo = requests.filter(functions.not(functions.col("id")
                .isin(done.toArray())));
        long total = todo.count();
        log.info("{}: {} sequences to generate, {} finished by an earlier attempt of run {}", NAME,
                total, done.size(), run.root());
        if (total == 0 && !finished.isEmpty()) {
            return PartitionRun.unchanged(NAME, run, finished.size());
        }
        Dataset<Row> fresh = PartitionRun.process(NAME, todo, total, runConfig, d -> d,
                (doneCount, failed) -> new SequenceFn(settings, storage, doneCount, failed),
                SequenceRows.SCHEMA);
        Dataset<Row> rows = fresh.union(spark.createDataFrame(finished, SequenceRows.SCHEMA));
        TileTables.Counts counts = new TileTables(run, storage, "sequences have no reference.")
                .write(rows);
        rows.select(Columns.withLeading("id", SequenceRows.SEQUENCE.fieldNames())).coalesce(1).write()
                .mode(SaveMode.Overwrite).parquet(details());
        return PartitionRun.finish(NAME, run, storage, counts, fresh, finished.size());
    }

    /** {@code <run>/sequence}: each image's place in its sequence. */
    private String details() {
        return run.root() + "/sequence";
    }

    /**
     * Rows of the sequences an earlier attempt of this run finished: every image of the sequence
     * ok and its file present. Collected to the driver, as the tables are rewritten in place.
     */
    private List<Row> finishedSequences(SparkSession spark) {
        if (!storage.exists(run.results()) || !storage.exists(details())) {
            return List.of();
        }
        Dataset<Row> results = spark.read().schema(ResultRows.RESULTS).parquet(run.results());
        Dataset<Row> sequence = spark.read().parquet(details())
                .withColumnRenamed("id", "details_id");
        Dataset<Row> joined = results.join(sequence,
                results.col("id").equalTo(sequence.col("details_id")), "inner");
        for (var field : ResultRows.METRICS.fields()) {
            joined = joined.withColumn(field.name(), functions.lit(null).cast(field.dataType()));
        }
        Map<String, List<Row>> bySequence = joined
                .select(Columns.of(SequenceRows.SCHEMA.fieldNames())).collectAsList().stream()
                .filter(r -> r.getAs("sequence_id") != null)
                .collect(Collectors.groupingBy(r -> r.<String>getAs("sequence_id")));
        return bySequence.values().stream()
                .filter(images -> images.stream().allMatch(r -> ResultRows.OK.equals(
                        r.getAs("status")) && storage.exists(r.<String>getAs("href"))))
                .flatMap(List::stream)
                .toList();
    }
}
