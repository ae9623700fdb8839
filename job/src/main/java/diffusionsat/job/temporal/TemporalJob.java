package diffusionsat.job.temporal;

import diffusionsat.io.storage.Storage;
import diffusionsat.job.Columns;
import diffusionsat.job.JobReport;
import diffusionsat.job.PartitionRun;
import diffusionsat.job.RequestTables;
import diffusionsat.job.RunFolder;
import diffusionsat.job.RunRecords;
import diffusionsat.job.TileTables;
import diffusionsat.job.config.RunConfig;
import diffusionsat.job.config.TemporalConfigs;
import diffusionsat.spark.RecordInputs;
import diffusionsat.spark.RecordedFn;
import diffusionsat.spark.TemporalFn;
import diffusionsat.spark.TemporalRows;
import diffusionsat.spark.TileRecorder;
import diffusionsat.spark.TileRef;
import diffusionsat.temporal.TemporalSettings;
import java.util.Locale;
import java.util.Optional;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code temporal} job (DESIGN.md §1, §4): requests (or, in evaluation mode, every known
 * frame left out in turn) beside their sequences' frames → partitions → {@link TemporalFn} → a
 * COG per request, results, metrics per split, summary, and {@code conditioning/}: which frames
 * each prediction used, how many were padded, dropped as duplicates or unusable, or resampled.
 */
public final class TemporalJob {
    public static final String NAME = "temporal";
    private static final Logger log = LoggerFactory.getLogger(TemporalJob.class);
    private static final String SPLIT_NOTE = "the reference is the left-out known frame and the"
            + " rows are split as the paper's fMoW-temporal table: `past` = every conditioning"
            + " frame after the target (t' > t), `future` = every one before it (t' < t),"
            + " `between` = both.";

    private final String catalogUri;
    private final Optional<String> where;
    private final Optional<String> requestsUri;
    private final TemporalConfigs.Mode mode;
    private final RunFolder run;
    private final RunConfig runConfig;
    private final TemporalSettings settings;
    private final Storage storage;

    public TemporalJob(String catalogUri, Optional<String> where, Optional<String> requestsUri,
            TemporalConfigs.Mode mode, RunFolder run, RunConfig runConfig,
            TemporalSettings settings, Storage storage) {
        this.catalogUri = catalogUri;
        this.where = where;
        this.requestsUri = requestsUri;
        this.mode = mode;
        this.run = run;
        this.runConfig = runConfig;
        this.settings = settings;
        this.storage = storage;
    }

    /** Runs the job; requests an earlier attempt of this run id finished are kept. */
    public JobReport run(SparkSession spark) {
        Dataset<Row> catalog = PartitionRun.catalog(spark, catalogUri, where);
        Dataset<Row> requests = mode == TemporalConfigs.Mode.EVALUATE
                ? TemporalInputs.forEvaluation(catalog, settings.evaluationSelections())
                : TemporalInputs.fromRequests(catalog, RequestTables.read(spark,
                        requestsUri.orElseThrow(), TemporalInputs.REQUEST_COLUMNS),
                        settings.selection());
        Dataset<Row> carried = new RunRecords(run.tiles(), run.tiles(), storage)
                .finished(spark, TemporalRows.SCHEMA);
        long finished = carried.count();
        Dataset<Row> todo = requests.join(carried.select("id"),
                requests.col(TemporalRows.REQUEST_ID).equalTo(carried.col("id")), "left_anti");
        long total = todo.count();
        log.info("{} ({}): {} requests to predict, {} carried over from an earlier attempt of {}",
                NAME, mode, total, finished, run.root());
        if (runConfig.dryRun()) {
            return PartitionRun.dryRun(spark, NAME, run, total, finished, runConfig);
        }
        TileRecorder recorder = RunRecords.recorder(run, settings.checkpoint(),
                settings.model().name().toLowerCase(Locale.ROOT), TemporalRows.SCHEMA, storage);

        // Requests of one sequence next to each other: they share most frames (read once).
        Dataset<Row> fresh = PartitionRun.process(NAME, todo, total, runConfig,
                d -> d.sortWithinPartitions(TemporalRows.SEQUENCE_ID, TemporalRows.TARGET),
                (done, failed) -> new RecordedFn<>(new TemporalFn(settings, storage, catalogUri,
                        done, failed), recorder, inputs(catalogUri, storage)),
                TemporalRows.SCHEMA);
        Dataset<Row> all = fresh.union(RunRecords.notRedone(carried, fresh));
        // Skipped predictions (no frame on their side) are listed but counted neither way.
        TileTables.Counts counts = new TileTables(run, storage, SPLIT_NOTE).write(all);
        all.select(Columns.withLeading("id", TemporalRows.CONDITIONING.fieldNames())).coalesce(1).write()
                .mode(SaveMode.Overwrite).parquet(conditioning());
        return PartitionRun.finish(NAME, run, storage, counts, fresh, finished);
    }

    /** A request's inputs: its sequence's frames, and the target time it predicts. */
    private static MapFunction<Row, RecordInputs> inputs(String catalogUri, Storage storage) {
        return row -> new RecordInputs(TemporalRows.request(row).id(), RecordInputs.resolved(
                TemporalRows.frames(row).stream().map(TileRef::href).toList(), catalogUri,
                storage), TemporalRows.request(row).target());
    }

    /** {@code <run>/conditioning}: the frames behind every prediction. */
    private String conditioning() {
        return run.root() + "/conditioning";
    }
}
