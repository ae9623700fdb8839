package diffusionsat.job.sequence;

import diffusionsat.io.storage.Storage;
import diffusionsat.job.JobReport;
import diffusionsat.job.PartitionRun;
import diffusionsat.job.RequestTables;
import diffusionsat.job.RunFolder;
import diffusionsat.job.TileTables;
import diffusionsat.job.config.RunConfig;
import diffusionsat.sequence.SequenceSettings;
import diffusionsat.spark.SequenceFn;
import diffusionsat.spark.SequenceRows;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code sequence} job (DESIGN.md §1): seed requests → partitions → {@link SequenceFn} → one
 * COG per image and date, results and summary tables, and {@code sequence/}: each image's date,
 * step and the images it was conditioned on. A rerun of the same run id regenerates every
 * sequence (outputs are keyed by image id, so nothing is duplicated).
 */
public final class SequenceJob {
    public static final String NAME = "sequence";
    private static final Logger log = LoggerFactory.getLogger(SequenceJob.class);

    private final String requestsUri;
    private final RunFolder run;
    private final RunConfig runConfig;
    private final SequenceSettings settings;
    private final Storage storage;

    public SequenceJob(String requestsUri, RunFolder run, RunConfig runConfig,
            SequenceSettings settings, Storage storage) {
        this.requestsUri = requestsUri;
        this.run = run;
        this.runConfig = runConfig;
        this.settings = settings;
        this.storage = storage;
    }

    public JobReport run(SparkSession spark) {
        Dataset<Row> table = RequestTables.read(spark, requestsUri, "--catalog",
                List.of("id", "lon", "lat", "gsd", "datetime"));
        Dataset<Row> requests = table.select(SequenceRows.INPUT.stream()
                .map(c -> RequestTables.optional(table, c, DataTypes.StringType).as(c))
                .toArray(Column[]::new));
        long total = requests.count();
        log.info("{}: {} sequences to generate", NAME, total);
        Dataset<Row> rows = PartitionRun.process(NAME, requests, total, runConfig, d -> d,
                (done, failed) -> new SequenceFn(settings, storage, done, failed),
                SequenceRows.SCHEMA);
        TileTables.Counts counts = new TileTables(run, storage, "sequences have no reference.")
                .write(rows);
        Column[] details = new Column[SequenceRows.SEQUENCE.fieldNames().length + 1];
        details[0] = functions.col("id");
        for (int i = 0; i < SequenceRows.SEQUENCE.fieldNames().length; i++) {
            details[i + 1] = functions.col(SequenceRows.SEQUENCE.fieldNames()[i]);
        }
        rows.select(details).coalesce(1).write().mode(SaveMode.Overwrite)
                .parquet(run.root() + "/sequence");
        return PartitionRun.finish(NAME, run, storage, counts, rows, 0);
    }
}
