package diffusionsat.job.temporal;

import diffusionsat.io.storage.Storage;
import diffusionsat.job.Columns;
import diffusionsat.job.PartitionRun;
import diffusionsat.job.RequestTables;
import diffusionsat.job.RunFolder;
import diffusionsat.job.RunRecords;
import diffusionsat.job.TileJob;
import diffusionsat.job.config.RunConfig;
import diffusionsat.job.config.TemporalConfigs;
import diffusionsat.spark.RecordInputs;
import diffusionsat.spark.TemporalFn;
import diffusionsat.spark.TemporalRows;
import diffusionsat.spark.TileRecorder;
import diffusionsat.spark.TileRef;
import diffusionsat.temporal.TemporalRequest;
import diffusionsat.temporal.TemporalSettings;
import java.util.Locale;
import java.util.Optional;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * The {@code temporal} job (DESIGN.md §1, §4): requests (or, in evaluation mode, every known
 * frame left out in turn) beside their sequences' frames → partitions → {@link TemporalFn} → a
 * COG per request, results, metrics per split, summary, and {@code conditioning/}: which frames
 * each prediction used, how many were padded, dropped as duplicates or unusable, or resampled.
 */
public final class TemporalJob extends TileJob<Row, TemporalSettings> {
    public static final String NAME = "temporal";
    private static final String SPLIT_NOTE = "the reference is the left-out known frame and the"
            + " rows are split as the paper's fMoW-temporal table: `past` = every conditioning"
            + " frame after the target (t' > t), `future` = every one before it (t' < t),"
            + " `between` = both.";

    private final String catalogUri;
    private final Optional<String> where;
    private final Optional<String> requestsUri;
    private final TemporalConfigs.Mode mode;

    public TemporalJob(String catalogUri, Optional<String> where, Optional<String> requestsUri,
            TemporalConfigs.Mode mode, RunFolder run, RunConfig runConfig,
            TemporalSettings settings, Storage storage) {
        super(NAME, mode.name().toLowerCase(Locale.ROOT) + " requests", run, runConfig, settings,
                storage);
        this.catalogUri = catalogUri;
        this.where = where;
        this.requestsUri = requestsUri;
        this.mode = mode;
    }

    @Override
    protected Dataset<Row> plan(SparkSession spark) {
        Dataset<Row> catalog = PartitionRun.catalog(spark, catalogUri, where);
        return mode == TemporalConfigs.Mode.EVALUATE
                ? TemporalInputs.forEvaluation(catalog, settings.evaluationSelections())
                : TemporalInputs.fromRequests(catalog, RequestTables.read(spark,
                        requestsUri.orElseThrow(), TemporalInputs.REQUEST_COLUMNS),
                        settings.selection());
    }

    @Override
    protected StructType schema() {
        return TemporalRows.SCHEMA;
    }

    @Override
    protected Dataset<Row> todo(Dataset<Row> work, Dataset<Row> carried) {
        return notCarried(work, TemporalRows.REQUEST_ID, carried);
    }

    @Override
    protected TileRecorder recorder() {
        return RunRecords.recorder(run, settings.checkpoint(),
                settings.model().name().toLowerCase(Locale.ROOT), schema(), storage);
    }

    @Override
    protected Dataset<Row> process(Dataset<Row> todo, long total, TileRecorder recorder) {
        // Requests of one sequence next to each other: they share most frames (read once).
        return recorded(todo, total,
                d -> d.sortWithinPartitions(TemporalRows.SEQUENCE_ID, TemporalRows.TARGET),
                new TemporalFn(settings, storage, catalogUri),
                inputs(catalogUri, storage), recorder);
    }

    /** Skipped predictions (no frame on their side) are listed but counted neither way. */
    @Override
    protected String referenceNote() {
        return SPLIT_NOTE;
    }

    /** {@code <run>/conditioning}: the frames behind every prediction. */
    @Override
    protected void writeDetails(Dataset<Row> rows) {
        rows.select(Columns.withLeading("id", TemporalRows.CONDITIONING.fieldNames()))
                .coalesce(1).write().mode(SaveMode.Overwrite)
                .parquet(run.root() + "/conditioning");
    }

    /** A request's inputs: its sequence's frames, and the target time it predicts. */
    private static MapFunction<Row, RecordInputs> inputs(String catalogUri, Storage storage) {
        return row -> {
            TemporalRequest request = TemporalRows.request(row);
            return new RecordInputs(request.id(), RecordInputs.resolved(TemporalRows.frames(
                    request.id(), row).stream().map(TileRef::href).toList(), catalogUri,
                    storage), request.target());
        };
    }
}
