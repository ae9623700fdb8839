package diffusionsat.job.generate;

import diffusionsat.generate.GenerationSettings;
import diffusionsat.io.storage.Storage;
import diffusionsat.job.JobReport;
import diffusionsat.job.ProgressReporter;
import diffusionsat.job.RunFolder;
import diffusionsat.job.TileTables;
import diffusionsat.job.config.RunConfig;
import diffusionsat.spark.GenerateFn;
import diffusionsat.spark.ResultRows;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.LongAccumulator;
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
            return new JobReport(NAME, run.root(), finished.size(), finished.size(), 0,
                    finished.size());
        }
        LongAccumulator done = spark.sparkContext().longAccumulator("requests.done");
        LongAccumulator failed = spark.sparkContext().longAccumulator("requests.failed");
        int partitions = (int) Math.max(1, (total + runConfig.tilesPerPartition() - 1)
                / runConfig.tilesPerPartition());
        Dataset<Row> fresh = todo.repartition(partitions)
                .mapPartitions(new GenerateFn(settings, storage, done, failed),
                        Encoders.row(ResultRows.SCHEMA))
                .persist(StorageLevel.MEMORY_AND_DISK());
        try (ProgressReporter progress = new ProgressReporter(NAME, total, done, failed,
                runConfig.progressIntervalSeconds())) {
            fresh.count(); // samples once; the tables below read the persisted rows
        }
        TileTables.Counts counts = new TileTables(run, storage).write(fresh.union(carried));
        fresh.unpersist();
        storage.writeString(run.success(), "");
        JobReport report = new JobReport(NAME, run.root(), counts.total(), counts.ok(),
                counts.failed(), finished.size());
        log.info("{}", report);
        return report;
    }
}
