package diffusionsat.job.generate;

import diffusionsat.generate.GenerationSettings;
import diffusionsat.io.storage.Storage;
import diffusionsat.job.JobReport;
import diffusionsat.job.PartitionRun;
import diffusionsat.job.RunFolder;
import diffusionsat.job.TileTables;
import diffusionsat.job.config.RunConfig;
import diffusionsat.spark.GenerateFn;
import diffusionsat.spark.ResultRows;
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
        List<Row> finished = run.finishedRows(spark, storage);
        Dataset<Row> carried = spark.createDataFrame(finished, ResultRows.SCHEMA);
        Dataset<Row> todo = requests.join(carried.select("id"),
                requests.col("id").equalTo(carried.col("id")), "left_anti");
        long total = todo.count();
        log.info("{}: {} requests to sample, {} finished by an earlier attempt of run {}", NAME,
                total, finished.size(), run.root());
        if (total == 0 && !finished.isEmpty()) {
            return PartitionRun.unchanged(NAME, run, finished.size());
        }
        Dataset<Row> fresh = PartitionRun.process(NAME, todo, total, runConfig, d -> d,
                (done, failed) -> new GenerateFn(settings, storage, done, failed),
                ResultRows.SCHEMA);
        TileTables.Counts counts = new TileTables(run, storage).write(fresh.union(carried));
        return PartitionRun.finish(NAME, run, storage, counts, fresh, finished.size());
    }
}
