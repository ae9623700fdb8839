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
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
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
        InpaintPlanner.Plan plan = InpaintPlanner.plan(catalog.collectAsList(), settings);
        List<Row> finished = run.finishedRows(spark, storage);
        Set<String> finishedIds = finished.stream().map(r -> r.getString(0))
                .collect(Collectors.toSet());
        List<InpaintRequest> todo = plan.requests().stream()
                .filter(r -> !finishedIds.contains(r.id())).toList();
        log.info("{}: {} {} requests to generate, {} rows that cannot be planned, {} finished by"
                + " an earlier attempt of run {}", NAME, todo.size(), settings.task(),
                plan.failures().size(), finished.size(), run.root());
        if (todo.isEmpty() && !finished.isEmpty() && plan.failures().isEmpty()) {
            return PartitionRun.unchanged(NAME, run, finished.size());
        }

        Dataset<Row> fresh = PartitionRun.process(NAME,
                spark.createDataset(todo, Encoders.javaSerialization(InpaintRequest.class)),
                todo.size(), runConfig, d -> d,
                (done, failed) -> new InpaintFn(settings, storage, catalogUri, done, failed),
                ResultRows.SCHEMA);
        Dataset<Row> unplanned = spark.createDataFrame(unplannedRows(plan), ResultRows.SCHEMA);
        Dataset<Row> carried = spark.createDataFrame(finished, ResultRows.SCHEMA);
        TileTables.Counts counts = new TileTables(run, storage)
                .write(fresh.union(unplanned).union(carried));
        return PartitionRun.finish(NAME, run, storage, counts, fresh, finished.size());
    }

    /** A failed row per catalogue row that could not be planned, naming the cause. */
    private List<Row> unplannedRows(InpaintPlanner.Plan plan) {
        TileSeeds seeds = new TileSeeds(settings.runSeed());
        SamplingInfo sampling = SamplingInfo.of(InpaintFn.MODEL, settings.sampler(), null);
        return plan.failures().stream().map(f -> ResultRows.failed(f.id(), seeds.forTile(f.id()),
                sampling, 0, new TileException(f.id(), f.cause()))).toList();
    }
}
