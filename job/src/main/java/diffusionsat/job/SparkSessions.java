package diffusionsat.job;

import diffusionsat.job.config.StorageConfig;
import org.apache.spark.sql.SparkSession;

/**
 * Builds the SparkSession of a job: the S3A settings and committers of DESIGN.md §3 and
 * PLATFORM.md, and loopback networking when the launcher runs Spark locally.
 */
public final class SparkSessions {
    private static final String SPARK_UI = "spark.ui.enabled";
    /**
     * What Spark counts a file as, on top of its length, when it packs files into read tasks.
     * Its default (4 MB) makes a task of about 32 files where the files are a run's records
     * (2 kB each): 31,000 tasks for a million tiles. At this value a task reads thousands of
     * them (up to {@code spark.sql.files.maxPartitionBytes}, and at least one task per core);
     * large files (catalogues, tables) are packed as before.
     */
    public static final String FILE_OPEN_COST = "spark.sql.files.openCostInBytes";
    public static final String SMALL_FILES_OPEN_COST = "16k";

    private SparkSessions() {}

    /**
     * @param master a master URL for local runs, or null when spark-submit already set one
     */
    public static SparkSession create(String appName, String master, StorageConfig storage) {
        SparkSession.Builder builder = SparkSession.builder().appName(appName)
                // The catalogue has more columns than Spark's default of 25 for plan strings,
                // which it otherwise reports with a warning on every run.
                .config("spark.sql.debug.maxToStringFields", "1000");
        if (System.getProperty(FILE_OPEN_COST) == null) {          // spark-submit --conf wins
            builder.config(FILE_OPEN_COST, SMALL_FILES_OPEN_COST);
        }
        if (master != null) {
            builder.master(master)
                    // Keep a local run on loopback: host names resolve oddly on some machines.
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1");
            if (System.getProperty(SPARK_UI) == null) {
                // A local run has no one at the UI, and a second run beside it would warn that
                // port 4040 is taken; -Dspark.ui.enabled=true asks for it (README "Commands").
                builder.config(SPARK_UI, "false");
            }
        }
        storage.hadoopSettings().forEach((key, value) -> builder.config("spark.hadoop." + key, value));
        if (storage.magicCommitter()) {
            // Tables on S3 go through the S3A magic committer (no rename on the object store).
            builder.config("spark.hadoop.fs.s3a.committer.name", "magic")
                    .config("spark.hadoop.fs.s3a.committer.magic.enabled", "true")
                    .config("spark.sql.sources.commitProtocolClass",
                            "org.apache.spark.internal.io.cloud.PathOutputCommitProtocol")
                    .config("spark.sql.parquet.output.committer.class",
                            "org.apache.spark.internal.io.cloud.BindingParquetOutputCommitter");
        }
        return builder.getOrCreate();
    }
}
