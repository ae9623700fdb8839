package diffusionsat.testing;

import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * The test JVM's Spark: real {@code local[2]} on loopback, UI off, wired to the shared S3 test
 * server. Recreated when a test (e.g. through the CLI) stopped it.
 */
public final class TestSpark {
    private TestSpark() {}

    public static synchronized SparkSession session() {
        SparkSession active = SparkSession.getActiveSession().getOrElse(() -> null);
        if (active != null && !active.sparkContext().isStopped()) {
            return active;
        }
        SparkSession.Builder builder = SparkSession.builder()
                .appName("diffusionsat-tests")
                .master("local[2]")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "2");
        for (Map.Entry<String, String> e : S3Server.get().hadoopSettings().entrySet()) {
            builder.config("spark.hadoop." + e.getKey(), e.getValue());
        }
        return builder.getOrCreate();
    }

    /**
     * Stops the session and forgets it: unit tests that start Spark call this after their class,
     * since others in the same JVM check that a command failed before any Spark started.
     */
    public static synchronized void stop() {
        SparkSession active = SparkSession.getActiveSession().getOrElse(() -> null);
        if (active != null) {
            active.stop();
        }
        SparkSession.clearActiveSession();
        SparkSession.clearDefaultSession();
    }
}
