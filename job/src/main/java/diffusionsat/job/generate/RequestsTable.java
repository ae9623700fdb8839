package diffusionsat.job.generate;

import diffusionsat.job.RequestTables;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * Reads a {@code generate} requests table: Parquet, or CSV with a header when the URI ends in
 * {@code .csv}. Columns: id, caption, lon, lat, gsd, datetime, and optionally cloud_cover
 * (percent). Numbers are cast to double with {@code try_cast} (a value that is not a number
 * becomes null and fails its row, naming the column); datetime stays as stored (timestamp,
 * date or ISO-8601 text).
 */
final class RequestsTable {
    static final List<String> REQUIRED = List.of("id", "caption", "lon", "lat", "gsd",
            "datetime");

    private RequestsTable() {}

    /** The table with the columns the job needs; a missing required column fails the job. */
    static Dataset<Row> read(SparkSession spark, String uri) {
        Dataset<Row> table = RequestTables.read(spark, uri, REQUIRED);
        return table.select(
                functions.col("id").cast("string").alias("id"),
                functions.col("caption").cast("string").alias("caption"),
                number(table, "lon"), number(table, "lat"), number(table, "gsd"),
                number(table, "cloud_cover"),
                functions.col("datetime"));
    }

    /** A number column as double; a value that is not a number becomes null (its row fails). */
    private static Column number(Dataset<Row> table, String name) {
        // try_cast: under ANSI mode (Spark 4's default) cast aborts the job on one bad value.
        return RequestTables.optional(table, name, DataTypes.DoubleType).try_cast("double")
                .alias(name);
    }
}
