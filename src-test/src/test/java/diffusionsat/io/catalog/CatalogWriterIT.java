package diffusionsat.io.catalog;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import diffusionsat.io.storage.Storage;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The catalogue as the jobs read it: with Spark, columns by {@link CatalogColumns} names. */
class CatalogWriterIT {
    @TempDir
    static Path scanned;
    private static List<TileRecord> tiles;
    private static SparkSession spark;
    private final Storage storage = Storage.local();

    @BeforeAll
    static void scanTheSamplesAndStartSpark() throws IOException {
        tiles = CatalogSamples.scanInto(scanned);
        spark = SparkSession.builder().master("local[1]").appName("catalog-writer-it")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.sql.shuffle.partitions", "1")
                .getOrCreate();
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    @Test
    void sparkReadsEveryColumnWithItsType(@TempDir Path dir) {
        String output = dir.resolve("catalogue").toString();

        new CatalogWriter().write(tiles, output, storage, Optional.empty());
        Dataset<Row> catalogue = spark.read().parquet(output);

        StructType schema = catalogue.schema();
        Row first = catalogue.where(col(CatalogColumns.ID).equalTo("s2_l1c_13band_svn_20150711"))
                .first();
        byte[] wkb = tiles.stream().filter(t -> t.id().equals("s2_l1c_13band_svn_20150711"))
                .findFirst().orElseThrow().geometryWkb();
        assertAll(
                () -> assertEquals(CatalogSamples.COLUMNS, List.of(schema.fieldNames())),
                () -> assertEquals(7, catalogue.count()),
                () -> assertEquals(DataTypes.TimestampType, schema.apply("datetime").dataType()),
                () -> assertEquals(DataTypes.createArrayType(DataTypes.StringType),
                        schema.apply("bands").dataType()),
                () -> assertEquals(DataTypes.BinaryType, schema.apply("geometry").dataType()),
                () -> assertEquals(DataTypes.IntegerType, schema.apply("proj:epsg").dataType()),
                () -> assertEquals(Instant.parse("2015-07-11T10:00:08Z"),
                        first.<Timestamp>getAs(CatalogColumns.DATETIME).toInstant()),
                () -> assertEquals(2015, first.<Integer>getAs(CatalogColumns.YEAR)),
                () -> assertEquals(0.0, first.<Double>getAs(CatalogColumns.CLOUD_COVER)),
                () -> assertEquals(32633, first.<Integer>getAs(CatalogColumns.EPSG)),
                () -> assertEquals(13, list(first, CatalogColumns.BANDS).size()),
                () -> assertEquals("B8A", list(first, CatalogColumns.BANDS).get(8)),
                () -> assertEquals(9.99479, this.<Double>list(first, CatalogColumns.TRANSFORM)
                        .get(0), 1e-5, "STAC order starts with the pixel width"),
                () -> assertEquals(465181.0522, this.<Double>list(first, CatalogColumns.TRANSFORM)
                        .get(2), 1e-4, "STAC order has origin x third"),
                () -> assertArrayEquals(wkb, first.<byte[]>getAs(CatalogColumns.GEOMETRY)),
                () -> assertEquals(2, catalogue.where(col(CatalogColumns.CLOUD_COVER).isNull())
                        .count(), "the Joplin tiles have no cloud cover"));
    }

    @Test
    void partitionsByYearAreDiscoveredAndPruned(@TempDir Path dir) {
        String output = dir.resolve("catalogue").toString();

        new CatalogWriter().write(tiles, output, storage, Optional.of(CatalogColumns.YEAR));
        Dataset<Row> catalogue = spark.read().parquet(output);

        assertAll(
                () -> assertEquals(DataTypes.IntegerType, catalogue.schema().apply("year")
                        .dataType()),
                () -> assertEquals(5, catalogue.where("year = 2015").count()),
                () -> assertEquals(2, catalogue.where(col("year").isNull()).count()),
                () -> assertEquals(CatalogSamples.COLUMNS.size(), catalogue.columns().length));
    }

    @Test
    void partitionsByCollectionKeepTheValues(@TempDir Path dir) {
        String output = dir.resolve("catalogue").toString();

        new CatalogWriter().write(tiles, output, storage, Optional.of(CatalogColumns.COLLECTION));
        Dataset<Row> catalogue = spark.read().parquet(output);

        assertAll(
                () -> assertEquals(5, catalogue.where(col(CatalogColumns.COLLECTION)
                        .equalTo("sentinel-2-l1c")).count()),
                () -> assertEquals(2, catalogue.where(col(CatalogColumns.COLLECTION)
                        .equalTo("rgb")).count()));
    }

    private <T> List<T> list(Row row, String column) {
        return row.getList(row.fieldIndex(column));
    }
}
