package diffusionsat.job.superres;

import diffusionsat.io.storage.Storage;
import diffusionsat.job.PartitionRun;
import diffusionsat.job.ProgressReporter;
import diffusionsat.job.RunFolder;
import diffusionsat.job.RunRecords;
import diffusionsat.job.TileJob;
import diffusionsat.job.config.RunConfig;
import diffusionsat.sampling.SamplingInfo;
import diffusionsat.spark.ChunkFn;
import diffusionsat.spark.ChunkPlanFn;
import diffusionsat.spark.ChunkRows;
import diffusionsat.spark.ModelConfig;
import diffusionsat.spark.PartitionFn;
import diffusionsat.spark.RecordInputs;
import diffusionsat.spark.RecordRowsFn;
import diffusionsat.spark.ResultRows;
import diffusionsat.spark.SceneAssemblyFn;
import diffusionsat.spark.SuperResolutionFn;
import diffusionsat.spark.TileRecorder;
import diffusionsat.superres.SuperResolutionSettings;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.LongAccumulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code superres} job (DESIGN.md §4, STYLE.md §3.14): catalogue → scenes not yet done →
 * chunks planned from each raster's header → chunks spread over partitions ({@link ChunkFn}) →
 * per scene, once all its chunks are done, one COG assembled from the parts ({@link
 * SceneAssemblyFn}) and its record → results, metrics, summary and {@code chunks/} tables. Runs
 * with uncertainty maps process each tile whole ({@link SuperResolutionFn}).
 */
public final class SuperResolutionJob extends TileJob<Row, SuperResolutionSettings> {
    public static final String NAME = "superres";
    private static final Logger log = LoggerFactory.getLogger(SuperResolutionJob.class);
    /** The catalogue columns a scene's record names, renamed clear of the result's. */
    private static final List<String> INPUT_COLUMNS = List.of("href", "target_href", "datetime");

    private final String catalogUri;
    private final Optional<String> where;

    public SuperResolutionJob(String catalogUri, Optional<String> where, RunFolder run,
            RunConfig runConfig, SuperResolutionSettings settings, Storage storage) {
        super(NAME, "tiles", run, runConfig, settings, storage);
        this.catalogUri = catalogUri;
        this.where = where;
    }

    @Override
    protected Dataset<Row> plan(SparkSession spark) {
        return PartitionRun.catalog(spark, catalogUri, where);
    }

    @Override
    protected StructType schema() {
        return ResultRows.WITH_CHUNKS;
    }

    @Override
    protected Dataset<Row> todo(Dataset<Row> work, Dataset<Row> carried) {
        return notCarried(work, "id", carried);
    }

    @Override
    protected TileRecorder recorder() {
        ModelConfig checkpoint = settings.diffusionsat() == null ? null
                : settings.diffusionsat().model();
        return RunRecords.recorder(run, checkpoint, settings.model().name()
                .toLowerCase(Locale.ROOT), schema(), storage);
    }

    @Override
    protected Dataset<Row> process(Dataset<Row> todo, long total, TileRecorder recorder) {
        return settings.uncertainty() ? wholeTiles(todo, total, recorder)
                : chunked(todo, total, recorder);
    }

    private Dataset<Row> wholeTiles(Dataset<Row> todo, long total, TileRecorder recorder) {
        LongAccumulator windowsDone = todo.sparkSession().sparkContext()
                .longAccumulator(NAME + ".windows");
        Optional<ProgressReporter.Units> windows = WindowPlan.of(todo, settings)
                .map(plan -> new ProgressReporter.Units("windows", plan.total(), windowsDone));
        return recorded(todo, total, d -> d, windows,
                new SuperResolutionFn(settings, storage, catalogUri, windowsDone),
                RecordInputs.ofCatalogue(catalogUri, storage), recorder);
    }

    /** Plan → chunks → assembled and recorded scenes; returns the scenes' rows, persisted. */
    private Dataset<Row> chunked(Dataset<Row> todo, long scenes, TileRecorder recorder) {
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
                d -> d, (ok, failed) -> new PartitionFn<>("chunks", new ChunkFn(settings, storage,
                        catalogUri, windowsDone), ok, failed), ChunkRows.DONE, windows);
        planned.unpersist();
        done.coalesce(1).write().mode(SaveMode.Overwrite).parquet(run.root() + "/chunks");

        var context = todo.sparkSession().sparkContext();
        LongAccumulator assembled = context.longAccumulator(NAME + ".scenes.done");
        LongAccumulator none = context.longAccumulator(NAME + ".scenes.failed");
        Dataset<Row> scenesDone = done.groupByKey((MapFunction<Row, String>) r -> r.getAs("id"),
                        Encoders.STRING())
                .mapGroups(new SceneAssemblyFn(settings, storage, sampling(), assembled),
                        Encoders.row(schema()));
        // Each scene's record after its COG: the catalogue's files and time joined by id.
        Dataset<Row> inputs = todo.select(inputColumns(todo));
        // The grouping's shuffle leaves spark.sql.shuffle.partitions (200) partitions, which
        // the persisted rows would keep: every table written afterwards would scan them all
        // (200 tasks a table, most of a small run's time on a cluster). As many as the scenes
        // call for by work instead.
        Dataset<Row> rows = scenesDone.join(inputs, scenesDone.col("id")
                        .equalTo(inputs.col("input_id")), "left")
                .mapPartitions(new RecordRowsFn(recorder, sceneInputs(catalogUri, storage),
                        schema().size()), Encoders.row(schema()))
                .coalesce(PartitionRun.partitions(todo.sparkSession(), scenes, runConfig))
                .persist(StorageLevel.MEMORY_AND_DISK());
        try (ProgressReporter progress = new ProgressReporter(NAME, "scenes", scenes, assembled,
                none, Optional.empty(), runConfig.progressIntervalSeconds())) {
            rows.count(); // assembles and records once; the tables read the persisted rows
        }
        done.unpersist();
        return rows;
    }

    /** The catalogue's id and {@link #INPUT_COLUMNS} present, prefixed {@code input_}. */
    private static Column[] inputColumns(Dataset<Row> todo) {
        List<Column> out = new ArrayList<>(List.of(todo.col("id").as("input_id")));
        List<String> present = List.of(todo.columns());
        for (String name : INPUT_COLUMNS) {
            out.add((present.contains(name) ? todo.col(name)
                    : functions.lit(null).cast(name.equals("datetime") ? "timestamp" : "string"))
                    .as("input_" + name));
        }
        return out.toArray(Column[]::new);
    }

    /** A scene's input and target files, resolved, and its time, from the joined columns. */
    private static MapFunction<Row, RecordInputs> sceneInputs(String catalogUri,
            Storage storage) {
        return row -> {
            Object datetime = row.getAs("input_datetime");
            return new RecordInputs(row.getAs("id"), RecordInputs.resolved(
                    Arrays.asList(row.<String>getAs("input_href"),
                            row.<String>getAs("input_target_href")), catalogUri, storage),
                    datetime instanceof Timestamp t ? t.toInstant() : null);
        };
    }

    /** The model and sampler of the result rows, known without loading the model. */
    private SamplingInfo sampling() {
        String model = settings.model().name().toLowerCase(Locale.ROOT);
        return settings.diffusionsat() == null ? SamplingInfo.baseline(model)
                : SamplingInfo.of(model, settings.diffusionsat().sampler(), null);
    }
}
