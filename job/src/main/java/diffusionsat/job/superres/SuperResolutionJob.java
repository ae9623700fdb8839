package diffusionsat.job.superres;

import diffusionsat.io.storage.Storage;
import diffusionsat.job.JobReport;
import diffusionsat.job.PartitionRun;
import diffusionsat.job.ProgressReporter;
import diffusionsat.job.RunFolder;
import diffusionsat.job.TileTables;
import diffusionsat.job.config.RunConfig;
import diffusionsat.spark.ResultRows;
import diffusionsat.spark.SuperResolutionFn;
import diffusionsat.superres.SuperResolutionSettings;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code superres} job (DESIGN.md §4): catalogue → tiles not yet done → partitions →
 * {@link SuperResolutionFn} → COGs, results, metrics and summary tables.
 */
public final class SuperResolutionJob {
    public static final String NAME = "superres";
    private static final Logger log = LoggerFactory.getLogger(SuperResolutionJob.class);

    private final String catalogUri;
    private final Optional<String> where;
    private final RunFolder run;
    private final RunConfig runConfig;
    private final SuperResolutionSettings settings;
    private final Storage storage;

    public SuperResolutionJob(String catalogUri, Optional<String> where, RunFolder run,
            RunConfig runConfig, SuperResolutionSettings settings, Storage storage) {
        this.catalogUri = catalogUri;
        this.where = where;
        this.run = run;
        this.runConfig = runConfig;
        this.settings = settings;
        this.storage = storage;
    }

    /** Runs the job; tiles an earlier attempt of this run id finished are kept, not redone. */
    public JobReport run(SparkSession spark) {
        Dataset<Row> catalog = PartitionRun.catalog(spark, catalogUri, where);
        List<Row> finished = run.finishedRows(spark, storage, ResultRows.WITH_UNCERTAINTY);
        Dataset<Row> carried = spark.createDataFrame(finished, ResultRows.WITH_UNCERTAINTY);
        Dataset<Row> todo = catalog.join(carried.select("id"),
                catalog.col("id").equalTo(carried.col("id")), "left_anti");
        long total = todo.count();
        log.info("{}: {} tiles to process, {} finished by an earlier attempt of run {}", NAME,
                total, finished.size(), run.root());
        if (total == 0 && !finished.isEmpty()) {
            return PartitionRun.unchanged(NAME, run, finished.size());
        }

        LongAccumulator windowsDone = spark.sparkContext().longAccumulator(NAME + ".windows");
        Optional<ProgressReporter.Units> windows = WindowPlan.of(todo, settings)
                .map(plan -> new ProgressReporter.Units("windows", plan.total(), windowsDone));
        Dataset<Row> fresh = PartitionRun.process(NAME, todo, total, runConfig, d -> d,
                (done, failed) -> new SuperResolutionFn(settings, storage, catalogUri, done,
                        failed, windowsDone), ResultRows.WITH_UNCERTAINTY, windows);
        TileTables.Counts counts = new TileTables(run, storage).write(fresh.union(carried));
        return PartitionRun.finish(NAME, run, storage, counts, fresh, finished.size());
    }
}
