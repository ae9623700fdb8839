package diffusionsat.job;

import diffusionsat.io.ConfigException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;

/**
 * Reads a job's request table (the {@code --requests} option): CSV with a header when the URI
 * ends in {@code .csv} (UTF-8; quoted values may span lines, as long captions do), Parquet
 * otherwise. CSV values stay text; the per-request code parses and checks them, so that a bad
 * value fails its request only.
 */
public final class RequestTables {
    /** The option that names a request table, in every job that reads one. */
    public static final String OPTION = "--requests";

    private RequestTables() {}

    /**
     * The table; a {@link ConfigException} naming {@link #OPTION} when a required column is
     * absent.
     */
    public static Dataset<Row> read(SparkSession spark, String uri,
            List<String> requiredColumns) {
        Dataset<Row> table = uri.toLowerCase(Locale.ROOT).endsWith(".csv")
                ? spark.read().option("header", "true").option("encoding", "UTF-8")
                        .option("multiLine", "true").csv(uri)
                : spark.read().parquet(uri);
        List<String> columns = Arrays.asList(table.columns());
        for (String required : requiredColumns) {
            if (!columns.contains(required)) {
                throw new ConfigException(OPTION, uri, "has no column " + required
                        + " (columns: " + columns + ")");
            }
        }
        return table;
    }

    /** The column if the table has it, else a null literal of {@code type}. */
    public static Column optional(Dataset<Row> table, String column, DataType type) {
        return Arrays.asList(table.columns()).contains(column) ? functions.col(column)
                : functions.lit(null).cast(type);
    }
}
