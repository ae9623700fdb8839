package diffusionsat.job.generate;

import diffusionsat.generate.GenerationSettings;
import diffusionsat.io.storage.Storage;
import diffusionsat.job.RunFolder;
import diffusionsat.job.RunRecords;
import diffusionsat.job.TileJob;
import diffusionsat.job.config.RunConfig;
import diffusionsat.spark.GenerateFn;
import diffusionsat.spark.RecordInputs;
import diffusionsat.spark.ResultRows;
import diffusionsat.spark.TemporalRows;
import diffusionsat.spark.TileRecorder;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * The {@code generate} job (DESIGN.md §1, §4): a table of captions and metadata → requests not
 * yet done → partitions → {@link GenerateFn} through the per-executor pipeline → PNG + JSON per
 * row under {@code images/}, the results table and summary of DESIGN.md §3, {@code _SUCCESS}.
 */
public final class GenerateJob extends TileJob<Row, GenerationSettings> {
    public static final String NAME = "generate";

    private final String requestsUri;

    public GenerateJob(String requestsUri, RunFolder run, RunConfig runConfig,
            GenerationSettings settings, Storage storage) {
        super(NAME, "requests", run, runConfig, settings, storage);
        this.requestsUri = requestsUri;
    }

    @Override
    protected Dataset<Row> plan(SparkSession spark) {
        return RequestsTable.read(spark, requestsUri);
    }

    @Override
    protected StructType schema() {
        return ResultRows.SCHEMA;
    }

    @Override
    protected Dataset<Row> todo(Dataset<Row> work, Dataset<Row> carried) {
        return notCarried(work, "id", carried);
    }

    @Override
    protected TileRecorder recorder() {
        return RunRecords.recorder(run, settings.model(), "png", schema(), storage);
    }

    @Override
    protected Dataset<Row> process(Dataset<Row> todo, long total, TileRecorder recorder) {
        return recorded(todo, total, d -> d,
                new GenerateFn(settings, storage),
                GenerateJob::inputs, recorder);
    }

    /** A request has no input files; the time it asks for is the image's datetime. */
    private static RecordInputs inputs(Row request) {
        Object datetime = request.getAs("datetime");
        return new RecordInputs(request.getAs("id"), List.of(), datetime == null ? null
                : TemporalRows.parseTime(request.getAs("id"), datetime));
    }
}
