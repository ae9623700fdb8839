package diffusionsat.testing;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Hand-made tile catalogues for the job tests: the DESIGN.md §2 columns the jobs read, any of
 * them null where a test leaves it out.
 */
public final class TestCatalog {
    private static final StructType SCHEMA = new StructType()
            .add("id", DataTypes.StringType)
            .add("href", DataTypes.StringType)
            .add("target_href", DataTypes.StringType)
            .add("caption", DataTypes.StringType)
            .add("bands", DataTypes.createArrayType(DataTypes.StringType))
            .add("datetime", DataTypes.TimestampType)
            .add("lon", DataTypes.DoubleType)
            .add("lat", DataTypes.DoubleType)
            .add("gsd", DataTypes.DoubleType)
            .add("eo:cloud_cover", DataTypes.DoubleType);

    private TestCatalog() {}

    /** One catalogue row; {@code datetime} and the others may be null. */
    public static Row tile(String id, Path href, String targetHref, String caption,
            List<String> bands, Instant datetime, double lon, double lat, double gsd,
            Double cloudCover) {
        return RowFactory.create(id, href.toString(), targetHref, caption, bands,
                datetime == null ? null : Timestamp.from(datetime), lon, lat, gsd, cloudCover);
    }

    /** Writes the rows as a Parquet catalogue at {@code folder}; returns its URI. */
    public static String write(List<Row> rows, Path folder) {
        TestSpark.session().createDataFrame(rows, SCHEMA).write().mode(SaveMode.Overwrite)
                .parquet(folder.toString());
        return folder.toString();
    }
}
