package diffusionsat.job.superres;

import diffusionsat.io.storage.Storage;
import diffusionsat.job.JobReport;
import diffusionsat.job.PartitionRun;
import diffusionsat.job.ProgressReporter;
import diffusionsat.job.RunFolder;
import diffusionsat.job.RunRecords;
import diffusionsat.job.TileTables;
import diffusionsat.job.config.RunConfig;
import diffusionsat.spark.ModelConfig;
import diffusionsat.spark.RecordInputs;
import diffusionsat.spark.RecordedFn;
import diffusionsat.spark.ResultRows;
import diffusionsat.spark.SuperResolutionFn;
import diffusionsat.spark.TileRecorder;
import diffusionsat.superres.SuperResolutionSettings;
import java.util.Locale;
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
        Dataset<Row> carried = new RunRecords(run.tiles(), run.tiles(), storage)
                .finished(spark, ResultRows.WITH_UNCERTAINTY);
        long finished = carried.count();
        Dataset<Row> todo = catalog.join(carried.select("id"),
                catalog.col("id").equalTo(carried.col("id")), "left_anti");
        long total = todo.count();
        log.info("{}: {} tiles to process, {} carried over from an earlier attempt of run {}",
                NAME, total, finished, run.root());
        if (runConfig.dryRun()) {
            return PartitionRun.dryRun(spark, NAME, run, total, finished, runConfig);
        }
        if (PartitionRun.complete(run, storage, total, finished)) {
            return PartitionRun.unchanged(NAME, run, finished);
        }

        LongAccumulator windowsDone = spark.sparkContext().longAccumulator(NAME + ".windows");
        Optional<ProgressReporter.Units> windows = WindowPlan.of(todo, settings)
                .map(plan -> new ProgressReporter.Units("windows", plan.total(), windowsDone));
        TileRecorder recorder = recorder();
        Dataset<Row> fresh = PartitionRun.process(NAME, todo, total, runConfig, d -> d,
                (done, failed) -> new RecordedFn<>(new SuperResolutionFn(settings, storage,
                        catalogUri, done, failed, windowsDone), recorder,
                        RecordInputs.ofCatalogue(catalogUri, storage)),
                ResultRows.WITH_UNCERTAINTY, windows);
        TileTables.Counts counts = new TileTables(run, storage)
                .write(fresh.union(RunRecords.notRedone(carried, fresh)));
        return PartitionRun.finish(NAME, run, storage, counts, fresh, finished);
    }

    private TileRecorder recorder() {
        ModelConfig checkpoint = settings.diffusionsat() == null ? null
                : settings.diffusionsat().model();
        return RunRecords.recorder(run, checkpoint, settings.model().name()
                .toLowerCase(Locale.ROOT), ResultRows.WITH_UNCERTAINTY, storage);
    }
}
