package diffusionsat.job.superres;

import diffusionsat.io.storage.Storage;
import diffusionsat.job.JobReport;
import diffusionsat.job.PartitionRun;
import diffusionsat.job.ProgressReporter;
import diffusionsat.job.RunFolder;
import diffusionsat.job.TileTables;
import diffusionsat.job.config.RunConfig;
import diffusionsat.sampling.SamplingInfo;
import diffusionsat.spark.ChunkFn;
import diffusionsat.spark.ChunkPlanFn;
import diffusionsat.spark.ChunkRows;
import diffusionsat.spark.ResultRows;
import diffusionsat.spark.SceneAssemblyFn;
import diffusionsat.spark.SuperResolutionFn;
import diffusionsat.superres.SuperResolutionSettings;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.LongAccumulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code superres} job (DESIGN.md §4, STYLE.md §3.14): catalogue → scenes not yet done →
 * chunks planned from each raster's header → chunks spread over partitions ({@link ChunkFn}) →
 * per scene, once all its chunks are done, one COG assembled from the parts ({@link
 * SceneAssemblyFn}) → results, metrics, summary and {@code chunks/} tables. Runs with
 * uncertainty maps process each tile whole ({@link SuperResolutionFn}).
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
        List<Row> finished = run.finishedRows(spark, storage, ResultRows.WITH_CHUNKS);
        Dataset<Row> carried = spark.createDataFrame(finished, ResultRows.WITH_CHUNKS);
        Dataset<Row> todo = catalog.join(carried.select("id"),
                catalog.col("id").equalTo(carried.col("id")), "left_anti");
        long total = todo.count();
        log.info("{}: {} tiles to process, {} finished by an earlier attempt of run {}", NAME,
                total, finished.size(), run.root());
        if (total == 0 && !finished.isEmpty()) {
            return PartitionRun.unchanged(NAME, run, finished.size());
        }
        Dataset<Row> fresh = settings.uncertainty() ? wholeTiles(todo, total)
                : chunked(todo, total);
        TileTables.Counts counts = new TileTables(run, storage).write(fresh.union(carried));
        return PartitionRun.finish(NAME, run, storage, counts, fresh, finished.size());
    }

    private Dataset<Row> wholeTiles(Dataset<Row> todo, long total) {
        LongAccumulator windowsDone = todo.sparkSession().sparkContext()
                .longAccumulator(NAME + ".windows");
        Optional<ProgressReporter.Units> windows = WindowPlan.of(todo, settings)
                .map(plan -> new ProgressReporter.Units("windows", plan.total(), windowsDone));
        return PartitionRun.process(NAME, todo, total, runConfig, d -> d,
                (done, failed) -> new SuperResolutionFn(settings, storage, catalogUri, done,
                        failed, windowsDone), ResultRows.WITH_CHUNKS, windows);
    }

    /** Plan → chunks → assembled scenes; returns the scenes' rows, persisted. */
    private Dataset<Row> chunked(Dataset<Row> todo, long scenes) {
        Dataset<Row> planned = todo.flatMap(new ChunkPlanFn(settings, storage, catalogUri),
                Encoders.row(ChunkRows.PLANNED)).persist(StorageLevel.MEMORY_AND_DISK());
        Row sizes = planned.agg(functions.count("*"), functions.sum("windows")).first();
        long chunks = sizes.getLong(0);
        long windowCount = sizes.isNullAt(1) ? 0 : sizes.getLong(1);
        log.info("{}: {} scenes cut into {} chunks (superres.chunkSize {}){}", NAME, scenes,
                chunks, settings.scenes().chunkSize(), windowCount == 0 ? ""
                        : ", " + windowCount + " model windows");
        LongAccumulator windowsDone = todo.sparkSession().sparkContext()
                .longAccumulator(NAME + ".windows");
        Optional<ProgressReporter.Units> windows = windowCount == 0 ? Optional.empty()
                : Optional.of(new ProgressReporter.Units("windows", windowCount, windowsDone));
        Dataset<Row> done = PartitionRun.process(NAME, "chunks", planned, chunks, runConfig,
                d -> d, (ok, failed) -> new ChunkFn(settings, storage, catalogUri, ok, failed,
                        windowsDone), ChunkRows.DONE, windows);
        planned.unpersist();
        done.coalesce(1).write().mode(SaveMode.Overwrite).parquet(run.root() + "/chunks");

        var context = todo.sparkSession().sparkContext();
        LongAccumulator assembled = context.longAccumulator(NAME + ".scenes.done");
        LongAccumulator none = context.longAccumulator(NAME + ".scenes.failed");
        Dataset<Row> rows = done.groupByKey((MapFunction<Row, String>) r -> r.getAs("id"),
                        Encoders.STRING())
                .mapGroups(new SceneAssemblyFn(settings, storage, sampling(), assembled),
                        Encoders.row(ResultRows.WITH_CHUNKS))
                .persist(StorageLevel.MEMORY_AND_DISK());
        try (ProgressReporter progress = new ProgressReporter(NAME, "scenes", scenes, assembled,
                none, Optional.empty(), runConfig.progressIntervalSeconds())) {
            rows.count(); // assembles once; the tables read the persisted rows
        }
        done.unpersist();
        return rows;
    }

    /** The model and sampler of the result rows, known without loading the model. */
    private SamplingInfo sampling() {
        String model = settings.model().name().toLowerCase(Locale.ROOT);
        return settings.diffusionsat() == null ? SamplingInfo.baseline(model)
                : SamplingInfo.of(model, settings.diffusionsat().sampler(), null);
    }
}
