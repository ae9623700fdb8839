package diffusionsat.job.inpaint;

import diffusionsat.inpaint.InpaintRequest;
import diffusionsat.inpaint.InpaintSettings;
import diffusionsat.io.TileException;
import diffusionsat.io.storage.Storage;
import diffusionsat.job.JobReport;
import diffusionsat.job.PartitionRun;
import diffusionsat.job.RunFolder;
import diffusionsat.job.TileTables;
import diffusionsat.job.config.RunConfig;
import diffusionsat.sampling.SamplingInfo;
import diffusionsat.sampling.TileSeeds;
import diffusionsat.spark.InpaintFn;
import diffusionsat.spark.ResultRows;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.api.java.function.FilterFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code inpaint} job (DESIGN.md §4): catalogue → requests (xBD pairs or cloudy dates,
 * {@link InpaintPlanner}) not yet done → partitions → {@link InpaintFn} → COGs, results,
 * metrics (xBD: the output against the real target) and summary tables.
 */
public final class InpaintJob {
    public static final String NAME = "inpaint";
    private static final Logger log = LoggerFactory.getLogger(InpaintJob.class);

    private final String catalogUri;
    private final Optional<String> where;
    private final RunFolder run;
    private final RunConfig runConfig;
    private final InpaintSettings settings;
    private final Storage storage;

    public InpaintJob(String catalogUri, Optional<String> where, RunFolder run,
            RunConfig runConfig, InpaintSettings settings, Storage storage) {
        this.catalogUri = catalogUri;
        this.where = where;
        this.run = run;
        this.runConfig = runConfig;
        this.settings = settings;
        this.storage = storage;
    }

    /** Runs the job; requests an earlier attempt of this run id finished are kept, not redone. */
    public JobReport run(SparkSession spark) {
        Dataset<Row> catalog = PartitionRun.catalog(spark, catalogUri, where);
        // Planned in Spark: the driver holds counts, never the catalogue or the requests.
        Dataset<InpaintPlanner.Item> plan = InpaintPlanner.inSpark(catalog, settings)
                .persist(StorageLevel.MEMORY_AND_DISK());
        List<Row> finished = run.finishedRows(spark, storage);
        Set<String> finishedIds = finished.stream().map(r -> r.getString(0))
                .collect(Collectors.toSet());
        Dataset<InpaintRequest> todo = plan
                .filter((FilterFunction<InpaintPlanner.Item>) item -> item.request() != null
                        && !finishedIds.contains(item.request().id()))
                .map((MapFunction<InpaintPlanner.Item, InpaintRequest>) item -> item.request(),
                        Encoders.javaSerialization(InpaintRequest.class));
        Dataset<Row> unplanned = unplannedRows(plan);
        long todoCount = todo.count();
        long unplannedCount = unplanned.count();
        log.info("{}: {} {} requests to generate, {} rows that cannot be planned, {} finished by"
                + " an earlier attempt of run {}", NAME, todoCount, settings.task(),
                unplannedCount, finished.size(), run.root());
        if (todoCount == 0 && !finished.isEmpty() && unplannedCount == 0) {
            plan.unpersist();
            return PartitionRun.unchanged(NAME, run, finished.size());
        }

        Dataset<Row> fresh = PartitionRun.process(NAME, todo, todoCount, runConfig, d -> d,
                (done, failed) -> new InpaintFn(settings, storage, catalogUri, done, failed),
                ResultRows.SCHEMA);
        Dataset<Row> carried = spark.createDataFrame(finished, ResultRows.SCHEMA);
        TileTables.Counts counts = new TileTables(run, storage)
                .write(fresh.union(unplanned).union(carried));
        return PartitionRun.finish(NAME, run, storage, counts, fresh, finished.size());
    }

    /** A failed row per catalogue row that could not be planned, naming the cause. */
    private Dataset<Row> unplannedRows(Dataset<InpaintPlanner.Item> plan) {
        InpaintSettings inpaint = settings;
        return plan.filter((FilterFunction<InpaintPlanner.Item>) item -> item.failure() != null)
                .map((MapFunction<InpaintPlanner.Item, Row>) item -> {
                    InpaintPlanner.Failure f = item.failure();
                    return ResultRows.failed(f.id(), new TileSeeds(inpaint.runSeed())
                            .forTile(f.id()), SamplingInfo.of(InpaintFn.MODEL,
                                    inpaint.sampler(), null), 0,
                            new TileException(f.id(), f.cause()));
                }, Encoders.row(ResultRows.SCHEMA));
    }
}
