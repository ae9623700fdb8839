package diffusionsat.job.generate;

import diffusionsat.io.ConfigException;
import diffusionsat.job.RequestTables;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * Reads a {@code generate} requests table: Parquet, or CSV with a header when the URI ends in
 * {@code .csv}. Columns: id, caption, lon, lat, gsd, datetime, and optionally cloud_cover
 * (percent). Numbers are cast to double (a value that is not a number becomes null and fails its
 * row); datetime stays as stored (timestamp, date or ISO-8601 text).
 */
final class RequestsTable {
    static final List<String> REQUIRED = List.of("id", "caption", "lon", "lat", "gsd",
            "datetime");
    private static final List<String> NUMBERS = List.of("lon", "lat", "gsd", "cloud_cover");

    private RequestsTable() {}

    /** The table with the columns the job needs; a missing required column fails the job. */
    static Dataset<Row> read(SparkSession spark, String uri) {
        boolean csv = uri.toLowerCase(Locale.ROOT).endsWith(".csv");
        Dataset<Row> table = csv
                ? spark.read().option("header", "true").option("encoding", "UTF-8")
                        .option("multiLine", "true").csv(uri)
                : spark.read().parquet(uri);
        List<String> columns = Arrays.asList(table.columns());
        for (String required : REQUIRED) {
            if (!columns.contains(required)) {
                throw new ConfigException(RequestTables.OPTION, uri, "the requests table has"
                        + " no column '" + required + "' (needs " + REQUIRED
                        + ", optionally cloud_cover)");
            }
        }
        if (!columns.contains("cloud_cover")) {
            table = table.withColumn("cloud_cover", functions.lit(null).cast("double"));
        }
        Column[] selected = new Column[] {
            functions.col("id").cast("string").alias("id"),
            functions.col("caption").cast("string").alias("caption"),
            number("lon"), number("lat"), number("gsd"), number("cloud_cover"),
            functions.col("datetime")
        };
        return table.select(selected);
    }

    private static Column number(String name) {
        if (!NUMBERS.contains(name)) {
            throw new IllegalArgumentException(name);
        }
        return functions.col(name).cast("double").alias(name);
    }
}
