package diffusionsat.job.generate;

import diffusionsat.generate.GenerationSettings;
import diffusionsat.io.storage.Storage;
import diffusionsat.job.JobReport;
import diffusionsat.job.PartitionRun;
import diffusionsat.job.RunFolder;
import diffusionsat.job.RunRecords;
import diffusionsat.job.TileTables;
import diffusionsat.job.config.RunConfig;
import diffusionsat.spark.GenerateFn;
import diffusionsat.spark.RecordInputs;
import diffusionsat.spark.RecordedFn;
import diffusionsat.spark.ResultRows;
import diffusionsat.spark.TemporalRows;
import diffusionsat.spark.TileRecorder;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code generate} job (DESIGN.md §1, §4): a table of captions and metadata → requests not
 * yet done → partitions → {@link GenerateFn} through the per-executor pipeline → PNG + JSON per
 * row under {@code images/}, the results table and summary of DESIGN.md §3, {@code _SUCCESS}.
 */
public final class GenerateJob {
    public static final String NAME = "generate";
    private static final Logger log = LoggerFactory.getLogger(GenerateJob.class);

    private final String requestsUri;
    private final RunFolder run;
    private final RunConfig runConfig;
    private final GenerationSettings settings;
    private final Storage storage;

    public GenerateJob(String requestsUri, RunFolder run, RunConfig runConfig,
            GenerationSettings settings, Storage storage) {
        this.requestsUri = requestsUri;
        this.run = run;
        this.runConfig = runConfig;
        this.settings = settings;
        this.storage = storage;
    }

    /** Runs the job; rows an earlier attempt of this run id finished are kept, not redone. */
    public JobReport run(SparkSession spark) {
        Dataset<Row> requests = RequestsTable.read(spark, requestsUri);
        Dataset<Row> carried = new RunRecords(run.tiles(), run.images(), storage)
                .finished(spark, ResultRows.SCHEMA);
        long finished = carried.count();
        Dataset<Row> todo = requests.join(carried.select("id"),
                requests.col("id").equalTo(carried.col("id")), "left_anti");
        long total = todo.count();
        log.info("{}: {} requests to sample, {} carried over from an earlier attempt of run {}",
                NAME, total, finished, run.root());
        if (runConfig.dryRun()) {
            return PartitionRun.dryRun(spark, NAME, run, total, finished, runConfig);
        }
        if (PartitionRun.complete(run, storage, total, finished)) {
            return PartitionRun.unchanged(NAME, run, finished);
        }
        TileRecorder recorder = RunRecords.recorder(run, settings.model(), "png",
                ResultRows.SCHEMA, storage);
        Dataset<Row> fresh = PartitionRun.process(NAME, todo, total, runConfig, d -> d,
                (done, failed) -> new RecordedFn<>(new GenerateFn(settings, storage, done,
                        failed), recorder, GenerateJob::inputs),
                ResultRows.SCHEMA);
        TileTables.Counts counts = new TileTables(run, storage)
                .write(fresh.union(RunRecords.notRedone(carried, fresh)));
        return PartitionRun.finish(NAME, run, storage, counts, fresh, finished);
    }

    /** A request has no input files; the time it asks for is the image's datetime. */
    private static RecordInputs inputs(Row request) {
        Object datetime = request.getAs("datetime");
        return new RecordInputs(request.getAs("id"), List.of(), datetime == null ? null
                : TemporalRows.parseTime(request.getAs("id"), datetime));
    }
}
