package diffusionsat.job.inpaint;

import diffusionsat.inpaint.InpaintRequest;
import diffusionsat.inpaint.InpaintSettings;
import diffusionsat.io.TileException;
import diffusionsat.io.storage.Storage;
import diffusionsat.job.PartitionRun;
import diffusionsat.job.RunFolder;
import diffusionsat.job.RunRecords;
import diffusionsat.job.TileJob;
import diffusionsat.job.config.RunConfig;
import diffusionsat.sampling.SamplingInfo;
import diffusionsat.sampling.TileSeeds;
import diffusionsat.spark.InpaintFn;
import diffusionsat.spark.RecordInputs;
import diffusionsat.spark.ResultRows;
import diffusionsat.spark.TileRecorder;
import diffusionsat.spark.TileRef;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.spark.api.java.function.FilterFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * The {@code inpaint} job (DESIGN.md §4): catalogue → requests (xBD pairs or cloudy dates,
 * {@link InpaintPlanner}) not yet done → partitions → {@link InpaintFn} → COGs, results,
 * metrics (xBD: the output against the real target) and summary tables.
 */
public final class InpaintJob extends TileJob<InpaintRequest, InpaintSettings> {
    public static final String NAME = "inpaint";
    private static final Encoder<InpaintRequest> REQUEST =
            Encoders.javaSerialization(InpaintRequest.class);

    private final String catalogUri;
    private final Optional<String> where;
    private Dataset<InpaintPlanner.Item> items;

    public InpaintJob(String catalogUri, Optional<String> where, RunFolder run,
            RunConfig runConfig, InpaintSettings settings, Storage storage) {
        super(NAME, "requests", run, runConfig, settings, storage);
        this.catalogUri = catalogUri;
        this.where = where;
    }

    @Override
    protected Dataset<InpaintRequest> plan(SparkSession spark) {
        Dataset<Row> catalog = PartitionRun.catalog(spark, catalogUri, where);
        // Planned in Spark: the driver holds counts, never the catalogue or the requests.
        items = InpaintPlanner.inSpark(catalog, settings).persist(StorageLevel.MEMORY_AND_DISK());
        return items.filter((FilterFunction<InpaintPlanner.Item>) item -> item.request() != null)
                .map((MapFunction<InpaintPlanner.Item, InpaintRequest>) item -> item.request(),
                        REQUEST);
    }

    @Override
    protected StructType schema() {
        return ResultRows.SCHEMA;
    }

    /** The requests without a finished record, by a join in Spark on their ids. */
    @Override
    protected Dataset<InpaintRequest> todo(Dataset<InpaintRequest> work, Dataset<Row> carried) {
        Encoder<Tuple2<String, InpaintRequest>> keyed = Encoders.tuple(Encoders.STRING(),
                REQUEST);
        Dataset<Tuple2<String, InpaintRequest>> byId = work.map(
                (MapFunction<InpaintRequest, Tuple2<String, InpaintRequest>>) r ->
                        new Tuple2<>(r.id(), r), keyed);
        return byId.join(carried.select("id"), byId.col("_1").equalTo(carried.col("id")),
                        "left_anti").as(keyed)
                .map((MapFunction<Tuple2<String, InpaintRequest>, InpaintRequest>) Tuple2::_2,
                        REQUEST);
    }

    @Override
    protected TileRecorder recorder() {
        return RunRecords.recorder(run, settings.model(),
                settings.task().toString().toLowerCase(Locale.ROOT), schema(), storage);
    }

    @Override
    protected Dataset<Row> process(Dataset<InpaintRequest> todo, long total,
            TileRecorder recorder) {
        return recorded(todo, total, d -> d,
                new InpaintFn(settings, storage, catalogUri),
                inputs(catalogUri, storage), recorder);
    }

    /** A failed row per catalogue row that could not be planned, naming the cause. */
    @Override
    protected Dataset<Row> unplanned(SparkSession spark) {
        InpaintSettings inpaint = settings;
        return items.filter((FilterFunction<InpaintPlanner.Item>) item -> item.failure() != null)
                .map((MapFunction<InpaintPlanner.Item, Row>) item -> {
                    InpaintPlanner.Failure f = item.failure();
                    return ResultRows.failed(f.id(), new TileSeeds(inpaint.runSeed())
                            .forTile(f.id()), SamplingInfo.of(InpaintFn.MODEL,
                                    inpaint.sampler(), null), 0,
                            new TileException(f.id(), f.cause()));
                }, Encoders.row(ResultRows.SCHEMA));
    }

    /** A request's inputs: its target's and its conditions' files, at the target's time. */
    private static MapFunction<InpaintRequest, RecordInputs> inputs(String catalogUri,
            Storage storage) {
        return request -> new RecordInputs(request.id(), RecordInputs.resolved(Stream.concat(
                Stream.of(request.target()), request.conditions().stream())
                .map(TileRef::href).toList(), catalogUri, storage), request.target().datetime());
    }
}
