package diffusionsat.job;

import diffusionsat.io.ConfigException;
import diffusionsat.io.storage.Storage;
import diffusionsat.job.config.RunConfig;
import diffusionsat.job.config.WorkPartitions;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.LongAccumulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The part every tile job shares: spread the work over partitions, run the per-partition
 * function exactly once with progress in the log, and close the run with {@code _SUCCESS}.
 */
public final class PartitionRun {
    private static final Logger log = LoggerFactory.getLogger(PartitionRun.class);

    private PartitionRun() {}

    /**
     * Runs {@code work} through the function and returns its rows, persisted so that the tables
     * written afterwards read them instead of running the work again.
     *
     * @param arrange orders or groups the repartitioned work (identity for most jobs)
     * @param function builds the per-partition function from the progress accumulators
     *     (items done, items failed)
     */
    public static <T> Dataset<Row> process(String job, Dataset<T> work, long total,
            RunConfig runConfig, UnaryOperator<Dataset<T>> arrange,
            BiFunction<LongAccumulator, LongAccumulator, MapPartitionsFunction<T, Row>> function,
            StructType schema) {
        return process(job, work, total, runConfig, arrange, function, schema, Optional.empty());
    }

    /** As above, with progress also counted in {@code units} smaller than a tile. */
    public static <T> Dataset<Row> process(String job, Dataset<T> work, long total,
            RunConfig runConfig, UnaryOperator<Dataset<T>> arrange,
            BiFunction<LongAccumulator, LongAccumulator, MapPartitionsFunction<T, Row>> function,
            StructType schema, Optional<ProgressReporter.Units> units) {
        return process(job, "tiles", work, total, runConfig, arrange, function, schema, units);
    }

    /** As above, where the work's items are {@code items} (for example chunks), not tiles. */
    public static <T> Dataset<Row> process(String job, String items, Dataset<T> work, long total,
            RunConfig runConfig, UnaryOperator<Dataset<T>> arrange,
            BiFunction<LongAccumulator, LongAccumulator, MapPartitionsFunction<T, Row>> function,
            StructType schema, Optional<ProgressReporter.Units> units) {
        var context = work.sparkSession().sparkContext();
        LongAccumulator done = context.longAccumulator(job + "." + items + ".done");
        LongAccumulator failed = context.longAccumulator(job + "." + items + ".failed");
        int partitions = partitions(work.sparkSession(), total, runConfig);
        Dataset<Row> rows = arrange.apply(work.repartition(partitions))
                .mapPartitions(function.apply(done, failed), Encoders.row(schema))
                .persist(StorageLevel.MEMORY_AND_DISK());
        try (ProgressReporter progress = new ProgressReporter(job, items, total, done, failed,
                units, runConfig.progressIntervalSeconds())) {
            rows.count(); // runs the work once; everything after reads the persisted rows
        }
        return rows;
    }

    /** The partition count for {@code total} items on this cluster ({@link WorkPartitions}). */
    public static int partitions(SparkSession spark, long total, RunConfig runConfig) {
        return runConfig.partitions().count(total, spark.sparkContext().defaultParallelism());
    }

    /**
     * Reads a catalogue, filtered by {@code --where} (partition pruning) when one is given; a
     * filter that leaves no tile is a configuration error (exit 2), not an empty run.
     */
    public static Dataset<Row> catalog(SparkSession spark, String catalogUri,
            Optional<String> where) {
        Dataset<Row> catalog = spark.read().parquet(catalogUri);
        if (where.isEmpty()) {
            return catalog;
        }
        Dataset<Row> selected = catalog.where(where.get());
        if (selected.isEmpty()) {
            throw new ConfigException("--where", where.get(), "selects none of the "
                    + catalog.count() + " tiles of " + catalogUri);
        }
        return selected;
    }

    /**
     * Whether a rerun finds nothing to do: no item left and the earlier attempt completed
     * ({@code _SUCCESS}). When it died after the items but before the tables, they are written.
     */
    public static boolean complete(RunFolder run, Storage storage, long todo, long finished) {
        return todo == 0 && finished > 0 && storage.exists(run.success());
    }

    /** The report of a dry run: what {@link #process} would get; nothing is processed. */
    public static JobReport dryRun(SparkSession spark, String job, RunFolder run, long todo,
            long carried, RunConfig runConfig) {
        JobReport report = JobReport.planned(job, run.root(), todo, carried,
                partitions(spark, todo, runConfig));
        log.info("{}", report);
        return report;
    }

    /** The report of a rerun that found every item finished: nothing is written. */
    public static JobReport unchanged(String job, RunFolder run, long finished) {
        log.info("{}: nothing left to do; outputs unchanged in {}", job, run.root());
        return new JobReport(job, run.root(), finished, finished, 0, finished);
    }

    /**
     * Releases the rows, writes the run's items and collection ({@link RunCatalogue}), then
     * {@code _SUCCESS} last, and reports the counts of the tables.
     */
    public static JobReport finish(String job, RunFolder run, Storage storage,
            TileTables.Counts counts, Dataset<Row> rows, long carriedOver) {
        rows.unpersist();
        RunCatalogue.write(rows.sparkSession(), run, storage);
        storage.writeString(run.success(), "");
        JobReport report = new JobReport(job, run.root(), counts.total(), counts.ok(),
                counts.failed(), carriedOver);
        log.info("{}", report);
        return report;
    }
}
