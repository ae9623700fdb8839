package diffusionsat.io.catalog;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.apache.spark.sql.functions.col;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import diffusionsat.io.ConfigException;
import diffusionsat.io.StorageException;
import diffusionsat.io.storage.Storage;
import diffusionsat.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogWriterTest {
    private static final List<String> COLUMNS = List.of("id", "collection", "sequence_id",
            "datetime", "year", "href", "target_href", "bands", "gsd", "eo:cloud_cover", "lon",
            "lat", "proj:epsg", "bbox", "geometry", "caption", "mask_href", "width", "height",
            "proj:wkt2", "proj:transform");

    @TempDir
    static Path scanned;
    private static SparkSession spark;
    private static List<TileRecord> tiles;
    private final Storage storage = Storage.local();

    @BeforeAll
    static void scanTheSamplesAndStartSpark() throws IOException {
        Path s2 = Fixtures.data().resolve("sentinel2");
        for (String date : List.of("20150711", "20150731", "20150820", "20150830", "20150909")) {
            String name = "s2_l1c_13band_svn_" + date + ".tif";
            Files.copy(s2.resolve(name), scanned.resolve(name));
        }
        Path joplin = Fixtures.data().resolve("xbd_style/joplin/geotiff");
        for (String when : List.of("pre", "post")) {
            String name = "joplin-tornado_00000000_" + when + "_disaster.tif";
            Files.copy(joplin.resolve(name), scanned.resolve(name));
        }
        tiles = new CatalogScanner().scan(scanned.toString(), Storage.local()).tiles();
        spark = SparkSession.builder().master("local[1]").appName("catalog-writer-test")
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
        Row first = catalogue.where(col("id").equalTo("s2_l1c_13band_svn_20150711")).first();
        assertAll(
                () -> assertEquals(COLUMNS, List.of(schema.fieldNames())),
                () -> assertEquals(7, catalogue.count()),
                () -> assertEquals(DataTypes.TimestampType, schema.apply("datetime").dataType()),
                () -> assertEquals(DataTypes.createArrayType(DataTypes.StringType),
                        schema.apply("bands").dataType()),
                () -> assertEquals(DataTypes.BinaryType, schema.apply("geometry").dataType()),
                () -> assertEquals(DataTypes.IntegerType, schema.apply("proj:epsg").dataType()),
                () -> assertEquals(Instant.parse("2015-07-11T10:00:08Z"),
                        first.<Timestamp>getAs("datetime").toInstant()),
                () -> assertEquals(2015, first.<Integer>getAs("year")),
                () -> assertEquals(0.0, first.<Double>getAs("eo:cloud_cover")),
                () -> assertEquals(32633, first.<Integer>getAs("proj:epsg")),
                () -> assertEquals(13, list(first, "bands").size()),
                () -> assertEquals("B8A", list(first, "bands").get(8)),
                () -> assertEquals(9.99479, this.<Double>list(first, "proj:transform").get(0),
                        1e-5, "STAC order starts with the pixel width"),
                () -> assertEquals(465181.0522, this.<Double>list(first, "proj:transform")
                        .get(2), 1e-4, "STAC order has origin x third"),
                () -> assertArrayEquals(tiles.stream().filter(t -> t.id().equals(
                        "s2_l1c_13band_svn_20150711")).findFirst().orElseThrow().geometryWkb(),
                        first.<byte[]>getAs("geometry")),
                () -> assertEquals(2, catalogue.where(col("eo:cloud_cover").isNull()).count(),
                        "the Joplin tiles have no cloud cover"));
    }

    @Test
    void theFooterCarriesGeoParquetMetadata(@TempDir Path dir) throws IOException {
        String output = dir.resolve("catalogue").toString();

        new CatalogWriter().write(tiles, output, storage, Optional.empty());

        String geo;
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(
                new org.apache.hadoop.fs.Path(output + "/part-00000.parquet"),
                new Configuration()))) {
            geo = reader.getFooter().getFileMetaData().getKeyValueMetaData().get("geo");
        }
        JsonNode json = new ObjectMapper().readTree(geo);
        JsonNode geometry = json.path("columns").path("geometry");
        JsonNode bbox = geometry.path("bbox");
        // The bbox spans Joplin (-94.5, 37.07) to Ljubljana (14.56, 45.88).
        assertAll(
                () -> assertEquals("1.1.0", json.path("version").asText()),
                () -> assertEquals("geometry", json.path("primary_column").asText()),
                () -> assertEquals("WKB", geometry.path("encoding").asText()),
                () -> assertEquals("[\"Polygon\"]", geometry.path("geometry_types").toString()),
                () -> assertTrue(geometry.path("crs").isMissingNode(),
                        "absent crs = OGC:CRS84, lon/lat"),
                () -> assertEquals(-94.4984, bbox.get(0).asDouble(), 1e-4),
                () -> assertEquals(37.0679, bbox.get(1).asDouble(), 1e-4),
                () -> assertEquals(14.5643, bbox.get(2).asDouble(), 1e-4),
                () -> assertEquals(45.8751, bbox.get(3).asDouble(), 1e-4),
                () -> assertTrue(Files.exists(dir.resolve("catalogue/_SUCCESS"))));
    }

    @Test
    void partitionsByYearAreDiscoveredBySpark(@TempDir Path dir) {
        String output = dir.resolve("catalogue").toString();

        new CatalogWriter().write(tiles, output, storage, Optional.of(CatalogColumns.YEAR));
        Dataset<Row> catalogue = spark.read().parquet(output);

        assertAll(
                () -> assertEquals(List.of("_SUCCESS", "year=2015",
                        "year=__HIVE_DEFAULT_PARTITION__"), storage.childNames(output)),
                () -> assertEquals(DataTypes.IntegerType, catalogue.schema().apply("year")
                        .dataType()),
                () -> assertEquals(5, catalogue.where("year = 2015").count()),
                () -> assertEquals(2, catalogue.where(col("year").isNull()).count()),
                () -> assertEquals(COLUMNS.size(), catalogue.columns().length));
    }

    @Test
    void partitionsByCollectionKeepTheValues(@TempDir Path dir) {
        String output = dir.resolve("catalogue").toString();

        new CatalogWriter().write(tiles, output, storage, Optional.of(CatalogColumns.COLLECTION));
        Dataset<Row> catalogue = spark.read().parquet(output);

        assertAll(
                () -> assertEquals(5, catalogue.where(col("collection")
                        .equalTo("sentinel-2-l1c")).count()),
                () -> assertEquals(2, catalogue.where(col("collection").equalTo("rgb")).count()));
    }

    @Test
    void aPreviousCatalogueIsReplacedButOtherFoldersAreNot(@TempDir Path dir) throws IOException {
        String output = dir.resolve("catalogue").toString();
        CatalogWriter writer = new CatalogWriter();
        writer.write(tiles, output, storage, Optional.of(CatalogColumns.YEAR));

        writer.write(tiles.subList(0, 2), output, storage, Optional.empty());
        StorageException refused = assertThrows(StorageException.class,
                () -> writer.write(tiles, scanned.toString(), storage, Optional.empty()));

        assertAll(
                () -> assertEquals(List.of("_SUCCESS", "part-00000.parquet"),
                        storage.childNames(output)),
                () -> assertEquals(2, spark.read().parquet(output).count()),
                () -> assertTrue(refused.getMessage().contains("refusing"),
                        refused.getMessage()),
                () -> assertEquals(7, storage.list(scanned.toString(), ".tif").size()));
    }

    @Test
    void unknownPartitionColumnsAndDuplicateIdsAreRejected(@TempDir Path dir) {
        String output = dir.resolve("catalogue").toString();
        CatalogWriter writer = new CatalogWriter();

        assertAll(
                () -> assertThrows(ConfigException.class,
                        () -> writer.write(tiles, output, storage, Optional.of("gsd"))),
                () -> assertThrows(IllegalArgumentException.class, () -> writer.write(
                        List.of(tiles.get(0), tiles.get(0)), output, storage, Optional.empty())));
    }

    private <T> List<T> list(Row row, String column) {
        return row.getList(row.fieldIndex(column));
    }
}
