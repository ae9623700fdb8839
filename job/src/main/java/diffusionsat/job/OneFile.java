package diffusionsat.job;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A table written as one file without running the work behind it in one task: {@code
 * coalesce(1)} merges its input partitions without a shuffle, so the per-tile functions upstream
 * (the evaluation's networks) would run in a single task unless adaptive execution happened to
 * split the plan; {@code repartition(1)} puts a shuffle between them, so they keep every task
 * whatever {@code spark.sql.adaptive.enabled} is, and only the finished rows (small) meet in one.
 */
public final class OneFile {
    private OneFile() {}

    public static Dataset<Row> of(Dataset<Row> rows) {
        return rows.repartition(1);
    }
}
