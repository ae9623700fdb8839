package diffusionsat.io.catalog;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import diffusionsat.io.ConfigException;
import diffusionsat.io.StorageException;
import diffusionsat.io.storage.Storage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.Type;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The catalogue files as Parquet sees them; {@link CatalogWriterIT} reads them with Spark. */
class CatalogWriterTest {
    @TempDir
    static Path scanned;
    private static List<TileRecord> tiles;
    private final Storage storage = Storage.local();

    @BeforeAll
    static void scanTheSamples() throws IOException {
        tiles = CatalogSamples.scanInto(scanned);
    }

    @Test
    void theFooterCarriesTheColumnsAndGeoParquetMetadata(@TempDir Path dir) throws IOException {
        String output = dir.resolve("catalogue").toString();

        new CatalogWriter().write(tiles, output, storage, Optional.empty());

        ParquetMetadata footer = footer(output + "/part-00000.parquet");
        JsonNode json = new ObjectMapper().readTree(
                footer.getFileMetaData().getKeyValueMetaData().get("geo"));
        JsonNode geometry = json.path("columns").path("geometry");
        JsonNode bbox = geometry.path("bbox");
        // The bbox spans Joplin (-94.498, 37.068) to Ljubljana (14.564, 45.875).
        assertAll(
                () -> assertEquals(CatalogSamples.COLUMNS, columnsOf(footer)),
                () -> assertEquals(7, rowCount(footer)),
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
    void partitionFilesLeaveTheirColumnToTheFolderName(@TempDir Path dir) throws IOException {
        String output = dir.resolve("catalogue").toString();

        new CatalogWriter().write(tiles, output, storage, Optional.of(CatalogColumns.YEAR));

        ParquetMetadata year2015 = footer(output + "/year=2015/part-00000.parquet");
        ParquetMetadata undated = footer(
                output + "/year=__HIVE_DEFAULT_PARTITION__/part-00000.parquet");
        assertAll(
                () -> assertEquals(List.of("_SUCCESS", "year=2015",
                        "year=__HIVE_DEFAULT_PARTITION__"), storage.childNames(output)),
                () -> assertEquals(5, rowCount(year2015)),
                () -> assertEquals(2, rowCount(undated)),
                () -> assertFalse(columnsOf(year2015).contains("year")),
                () -> assertTrue(year2015.getFileMetaData().getKeyValueMetaData()
                        .containsKey("geo")));
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
                () -> assertEquals(2, rowCount(footer(output + "/part-00000.parquet"))),
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

    private static ParquetMetadata footer(String file) throws IOException {
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(
                new org.apache.hadoop.fs.Path(file), new Configuration()))) {
            return reader.getFooter();
        }
    }

    private static List<String> columnsOf(ParquetMetadata footer) {
        return footer.getFileMetaData().getSchema().getFields().stream().map(Type::getName)
                .toList();
    }

    private static long rowCount(ParquetMetadata footer) {
        return footer.getBlocks().stream().mapToLong(block -> block.getRowCount()).sum();
    }
}
