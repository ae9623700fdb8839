package diffusionsat.job;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import diffusionsat.io.raster.GdalRasters;
import diffusionsat.io.raster.Raster;
import diffusionsat.io.raster.RasterDataType;
import diffusionsat.io.storage.Storage;
import diffusionsat.job.cli.Main;
import diffusionsat.testing.Fixtures;
import diffusionsat.testing.TestCatalog;
import diffusionsat.testing.TestSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad tiles become {@code failed} rows that name the tile and the cause, the good tiles finish,
 * and the exit status follows job.maxFailedFraction (DESIGN.md §6).
 */
class SuperResolutionBadInputIT {
    private static final Path GOOD =
            Fixtures.projectRoot().resolve("conf/samples/sentinel2/s2_l1c_13band_svn_20150711.tif");
    private static final List<String> S2_BANDS = List.of("B01", "B02", "B03", "B04", "B05", "B06",
            "B07", "B08", "B8A", "B09", "B10", "B11", "B12");
    @TempDir
    Path dir;

    @Test
    void badTilesAreRecordedAndTheOthersFinish() throws IOException {
        Storage storage = Storage.local();
        Raster good = GdalRasters.read("good", GOOD.toString(), storage);
        Path truncated = dir.resolve("truncated.tif");
        Files.write(truncated, Arrays.copyOf(Files.readAllBytes(GOOD), 2000));
        Path threeBands = dir.resolve("three.tif");
        GdalRasters.writeCog(new Raster(good.width(), good.height(), S2_BANDS.subList(1, 4),
                Arrays.copyOfRange(good.bands(), 1, 4), good.transform(), good.crsWkt(),
                good.noData()), threeBands.toString(), storage, RasterDataType.FLOAT32);
        Path allNan = dir.resolve("nan.tif");
        float[][] nan = new float[13][good.width() * good.height()];
        for (float[] band : nan) {
            Arrays.fill(band, Float.NaN);
        }
        GdalRasters.writeCog(new Raster(good.width(), good.height(), S2_BANDS, nan,
                good.transform(), good.crsWkt(), good.noData()), allNan.toString(), storage,
                RasterDataType.FLOAT32);

        Instant date = Instant.parse("2015-07-11T10:00:08Z");
        List<Row> rows = List.of(
                tile("good-1", GOOD, date),
                tile("good-2", GOOD, date),
                tile("truncated", truncated, date),
                tile("three-bands", threeBands, date),
                tile("all-nan", allNan, date),
                tile("no-date", GOOD, null),
                tile("escape/../id", GOOD, date));
        String catalog = TestCatalog.write(rows, dir.resolve("catalog"));

        int exit = Main.run("superres", "--catalog", catalog, "--output", dir.toString(),
                "--run-id", "bad", "--master", "local[2]", "--set", "s3a.committer=file",
                "--set", "superres.requireMetadata=true");

        Map<String, Row> results = TestSpark.session().read()
                .parquet(dir.resolve("superres/bad/results").toString()).collectAsList().stream()
                .collect(Collectors.toMap(r -> r.getAs("id"), r -> r));
        assertAll(
                () -> assertEquals(1, exit, "5 of 7 failed: above maxFailedFraction"),
                () -> assertEquals(7, results.size()),
                () -> assertEquals("ok", results.get("good-1").getAs("status")),
                () -> assertEquals("ok", results.get("good-2").getAs("status")),
                () -> assertFailed(results.get("truncated"), "truncated", "truncated.tif"),
                () -> assertFailed(results.get("three-bands"), "three-bands", "3 bands"),
                () -> assertFailed(results.get("all-nan"), "all-nan", "nodata"),
                () -> assertFailed(results.get("no-date"), "no-date", "datetime"),
                () -> assertFailed(results.get("no-date"), "no-date", "superres.requireMetadata"),
                () -> assertFailed(results.get("escape/../id"), "escape/../id", "[A-Za-z0-9._-]"),
                () -> assertTrue(Files.exists(dir.resolve("superres/bad/tiles/good-1.tif"))),
                () -> assertTrue(Files.notExists(dir.resolve("superres/bad/id.tif"))));
    }

    private static void assertFailed(Row row, String id, String causeFragment) {
        String message = row.getAs("error_message");
        assertAll(id,
                () -> assertEquals("failed", row.getAs("status")),
                () -> assertTrue(message.contains(id), "names the tile: " + message),
                () -> assertTrue(message.contains(causeFragment), "names the cause: " + message));
    }

    private static Row tile(String id, Path href, Instant date) {
        return TestCatalog.tile(id, href, null, null, S2_BANDS, date, 14.5578, 45.8705, 10.0,
                null);
    }
}
