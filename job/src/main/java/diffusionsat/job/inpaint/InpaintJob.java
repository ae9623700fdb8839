package diffusionsat.job.inpaint;

import diffusionsat.inpaint.InpaintRequest;
import diffusionsat.inpaint.InpaintSettings;
import diffusionsat.io.TileException;
import diffusionsat.io.storage.Storage;
import diffusionsat.job.JobReport;
import diffusionsat.job.PartitionRun;
import diffusionsat.job.RunFolder;
import diffusionsat.job.RunRecords;
import diffusionsat.job.TileTables;
import diffusionsat.job.config.RunConfig;
import diffusionsat.sampling.SamplingInfo;
import diffusionsat.sampling.TileSeeds;
import diffusionsat.spark.InpaintFn;
import diffusionsat.spark.RecordInputs;
import diffusionsat.spark.RecordedFn;
import diffusionsat.spark.ResultRows;
import diffusionsat.spark.TileRecorder;
import diffusionsat.spark.TileRef;
import java.util.List;
import java.util.Optional;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

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
        Dataset<Row> carried = new RunRecords(run.tiles(), run.tiles(), storage)
                .finished(spark, ResultRows.SCHEMA);
        long finished = carried.count();
        Dataset<InpaintRequest> todo = notFinished(spark, plan.requests(), carried);
        long total = todo.count();
        log.info("{}: {} {} requests to generate, {} rows that cannot be planned, {} carried over"
                + " from an earlier attempt of run {}", NAME, total, settings.task(),
                plan.failures().size(), finished, run.root());
        if (runConfig.dryRun()) {
            return PartitionRun.dryRun(spark, NAME, run, total, finished, runConfig);
        }
        if (PartitionRun.complete(run, storage, total, finished)
                && plan.failures().isEmpty()) {
            return PartitionRun.unchanged(NAME, run, finished);
        }

        TileRecorder recorder = RunRecords.recorder(run, settings.model(), settings.task()
                .toString().toLowerCase(Locale.ROOT), ResultRows.SCHEMA, storage);
        Dataset<Row> fresh = PartitionRun.process(NAME, todo, total, runConfig, d -> d,
                (done, failed) -> new RecordedFn<>(new InpaintFn(settings, storage, catalogUri,
                        done, failed), recorder, inputs(catalogUri, storage)),
                ResultRows.SCHEMA);
        Dataset<Row> unplanned = spark.createDataFrame(unplannedRows(plan), ResultRows.SCHEMA);
        TileTables.Counts counts = new TileTables(run, storage)
                .write(fresh.union(unplanned).union(RunRecords.notRedone(carried, fresh)));
        return PartitionRun.finish(NAME, run, storage, counts, fresh, finished);
    }

    /** The requests without a finished record, by a join in Spark. */
    private static Dataset<InpaintRequest> notFinished(SparkSession spark,
            List<InpaintRequest> requests, Dataset<Row> carried) {
        Dataset<Tuple2<String, InpaintRequest>> keyed = spark.createDataset(requests.stream()
                .map(r -> new Tuple2<>(r.id(), r)).toList(), Encoders.tuple(Encoders.STRING(),
                        Encoders.javaSerialization(InpaintRequest.class)));
        return keyed.join(carried.select("id"), keyed.col("_1").equalTo(carried.col("id")),
                        "left_anti")
                .as(Encoders.tuple(Encoders.STRING(),
                        Encoders.javaSerialization(InpaintRequest.class)))
                .map((MapFunction<Tuple2<String, InpaintRequest>, InpaintRequest>) Tuple2::_2,
                        Encoders.javaSerialization(InpaintRequest.class));
    }

    /** A request's inputs: its target's and its conditions' files, at the target's time. */
    private static MapFunction<InpaintRequest, RecordInputs> inputs(String catalogUri,
            Storage storage) {
        return request -> new RecordInputs(request.id(), RecordInputs.resolved(Stream.concat(
                Stream.of(request.target()), request.conditions().stream())
                .map(TileRef::href).toList(), catalogUri, storage), request.target().datetime());
    }

    /** A failed row per catalogue row that could not be planned, naming the cause. */
    private List<Row> unplannedRows(InpaintPlanner.Plan plan) {
        TileSeeds seeds = new TileSeeds(settings.runSeed());
        SamplingInfo sampling = SamplingInfo.of(InpaintFn.MODEL, settings.sampler(), null);
        return plan.failures().stream().map(f -> ResultRows.failed(f.id(), seeds.forTile(f.id()),
                sampling, 0, new TileException(f.id(), f.cause()))).toList();
    }
}
