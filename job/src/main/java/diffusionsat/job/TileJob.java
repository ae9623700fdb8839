package diffusionsat.job;

import diffusionsat.io.storage.Storage;
import diffusionsat.job.config.RunConfig;
import diffusionsat.spark.PartitionFn;
import diffusionsat.spark.RecordInputs;
import diffusionsat.spark.RecordedFn;
import diffusionsat.spark.TileRecorder;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one skeleton of the tile jobs (STYLE.md §3.14): plan the work items → those not carried
 * over from the run's records → partitions → the per-partition function, each row recorded as
 * its output is published → tables, items and collection → {@code _SUCCESS}. A job says only
 * what differs: what its work items are, how they are planned and processed.
 *
 * @param <T> a work item (a catalogue row, a request, a sequence)
 * @param <S> the job's settings
 */
public abstract class TileJob<T, S> {
    private static final Logger log = LoggerFactory.getLogger(TileJob.class);

    protected final RunFolder run;
    protected final RunConfig runConfig;
    protected final Storage storage;
    protected final S settings;
    private final String name;
    private final String unit;

    /** @param unit what a work item is called in the log ("tiles", "requests") */
    protected TileJob(String name, String unit, RunFolder run, RunConfig runConfig, S settings,
            Storage storage) {
        this.name = name;
        this.settings = settings;
        this.unit = unit;
        this.run = run;
        this.runConfig = runConfig;
        this.storage = storage;
    }

    /** Runs the job; items an earlier attempt of this run id finished are kept, not redone. */
    public final JobReport run(SparkSession spark) {
        Dataset<T> work = plan(spark);
        Dataset<Row> carried = carried(work);
        long finished = carried.count();
        Dataset<T> todo = todo(work, carried);
        long total = todo.count();
        log.info("{}: {} {} to do, {} carried over from an earlier attempt of run {}", name,
                total, unit, finished, run.root());
        if (runConfig.dryRun()) {
            return PartitionRun.dryRun(spark, name, run, total, finished, runConfig);
        }
        if (PartitionRun.complete(run, storage, total, finished)) {
            return PartitionRun.unchanged(name, run, finished);
        }
        Dataset<Row> fresh = process(todo, total, recorder());
        Dataset<Row> all = fresh.union(unplanned(spark))
                .union(RunRecords.notRedone(carried, fresh));
        TileTables.Counts counts = new TileTables(run, storage, referenceNote()).write(all);
        writeDetails(all);
        JobReport report = PartitionRun.finish(name, run, storage, counts, fresh, finished);
        carried.unpersist();
        return report;
    }

    /** The job's work items, from its catalogue or requests. */
    protected abstract Dataset<T> plan(SparkSession spark);

    /** The columns of the job's result rows (and of its records). */
    protected abstract StructType schema();

    /** {@code work} without the items {@code carried} has rows for. */
    protected abstract Dataset<T> todo(Dataset<T> work, Dataset<Row> carried);

    /** The recorder of the job's rows, with the run's provenance. */
    protected abstract TileRecorder recorder();

    /** Runs the items to do; returns their rows (each recorded), persisted. */
    protected abstract Dataset<Row> process(Dataset<T> todo, long total, TileRecorder recorder);

    /** Rows of an earlier attempt to keep: the records whose outputs are in place. */
    protected Dataset<Row> carried(Dataset<T> work) {
        return new RunRecords(run.tiles(), storage).finished(work.sparkSession(), schema());
    }

    /** Failed rows of items the plan could not make (none for most jobs); never recorded. */
    protected Dataset<Row> unplanned(SparkSession spark) {
        return spark.createDataFrame(List.of(), schema());
    }

    /** What the summary says the {@code reference} values mean. */
    protected String referenceNote() {
        return TileTables.SUPERRES_NOTE;
    }

    /** The job's own tables beside results/ (none for most jobs). */
    protected void writeDetails(Dataset<Row> rows) {}

    /**
     * {@link PartitionRun#process} of {@code todo} through {@code work}, each row recorded.
     *
     * @param inputs an item's id, input files and time, for its record
     */
    protected final Dataset<Row> recorded(Dataset<T> todo, long total,
            UnaryOperator<Dataset<T>> arrange, PartitionFn.Work<T, ?> work,
            MapFunction<T, RecordInputs> inputs, TileRecorder recorder) {
        return recorded(todo, total, arrange, Optional.empty(), work, inputs, recorder);
    }

    /** As above, with progress also counted in {@code units} smaller than an item. */
    protected final Dataset<Row> recorded(Dataset<T> todo, long total,
            UnaryOperator<Dataset<T>> arrange, Optional<ProgressReporter.Units> units,
            PartitionFn.Work<T, ?> work, MapFunction<T, RecordInputs> inputs,
            TileRecorder recorder) {
        return PartitionRun.process(name, todo, total, runConfig, arrange,
                (done, failed) -> new RecordedFn<>(new PartitionFn<>(unit, work, done, failed),
                        recorder, inputs),
                schema(), units);
    }

    /** The rows of {@code work} whose {@code idColumn} no carried row has. */
    protected static Dataset<Row> notCarried(Dataset<Row> work, String idColumn,
            Dataset<Row> carried) {
        return work.join(carried.select("id"), work.col(idColumn).equalTo(carried.col("id")),
                "left_anti");
    }
}
