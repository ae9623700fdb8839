package diffusionsat.job;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import diffusionsat.io.raster.GdalRasters;
import diffusionsat.io.raster.GeoTransform;
import diffusionsat.io.raster.Raster;
import diffusionsat.io.storage.OutputNames;
import diffusionsat.io.storage.Storage;
import diffusionsat.job.cli.Main;
import diffusionsat.testing.Fixtures;
import diffusionsat.testing.TestCatalog;
import diffusionsat.testing.TestRasters;
import diffusionsat.testing.TestSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The named cases of issue 13 in one superres run: long and hidden ids, tiny and degenerate
 * rasters, a header declaring 100000 x 100000 px, missing, rotated, sheared and non-square
 * geotransforms. Each ends as one row naming its cause, the job exits 1 (too many failed), never
 * 3, and tiles/ holds exactly the outputs of the ok tiles; grids are refined, never invented.
 */
class SuperResolutionRobustnessIT {
    private static final Path GOOD = Fixtures.projectRoot()
            .resolve("conf/samples/sentinel2/s2_l1c_13band_svn_20150711.tif");
    private static final List<String> S2_BANDS = List.of("B01", "B02", "B03", "B04", "B05",
            "B06", "B07", "B08", "B8A", "B09", "B10", "B11", "B12");
    private static final String LONG_ID = "S2B_MSIL2A_20240101T101010_N0510_R022_T33TWM_"
            + "tile-".repeat(45);
    private static final Instant DATE = Instant.parse("2015-07-11T10:00:08Z");

    @TempDir
    Path dir;

    @Test
    void everyCaseEndsAsOneRowNamingItsCauseAndFailedTilesLeaveNoFile() throws IOException {
        Raster good = GdalRasters.read("good", GOOD.toString(), Storage.local());
        GeoTransform t = good.transform();
        double c = Math.cos(Math.toRadians(30)) * 10;
        double s = Math.sin(Math.toRadians(30)) * 10;
        List<Row> rows = List.of(
                tile("good", GOOD),
                tile(LONG_ID, GOOD),
                tile(".hidden", GOOD),
                tile("one-pixel", TestRasters.write(TestRasters.crop(good, 1, 1),
                        dir.resolve("one.tif"))),
                tile("three-by-200", TestRasters.write(tiled(good, 3, 200),
                        dir.resolve("three.tif"))),
                tile("huge-header", TestRasters.hugeHeader(dir.resolve("huge.tif"))),
                tile("no-geotransform", write(good, new GeoTransform(0, 1, 0, 0, 0, 1),
                        "none.tif")),
                tile("rotated", write(good, new GeoTransform(t.originX(), c, s, t.originY(), s,
                        -c), "rotated.tif")),
                tile("sheared", write(good, new GeoTransform(t.originX(), 10, 4, t.originY(), 0,
                        -10), "sheared.tif")),
                tile("non-square", write(good, new GeoTransform(t.originX(), 10, 0, t.originY(),
                        0, -20), "non-square.tif")));
        String catalog = TestCatalog.write(rows, dir.resolve("catalog"));

        int exit = Main.run("superres", "--catalog", catalog, "--output", dir.toString(),
                "--run-id", "robust", "--master", "local[2]", "--set", "s3a.committer=file");

        Map<String, Row> results = TestSpark.session().read()
                .parquet(dir.resolve("superres/robust/results").toString()).collectAsList()
                .stream().collect(Collectors.toMap(r -> r.getAs("id"), r -> r));
        Set<String> tiles;
        try (Stream<Path> files = Files.list(dir.resolve("superres/robust/tiles"))) {
            tiles = files.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
        String longName = OutputNames.fileName(LONG_ID, ".tif");
        assertAll(
                () -> assertEquals(1, exit, "too many failed tiles, not a crash (3)"),
                () -> assertEquals(rows.size(), results.size()),
                () -> assertEquals("ok", results.get("good").getAs("status")),
                () -> assertEquals("ok", results.get(LONG_ID).getAs("status")),
                () -> assertTrue(((String) results.get(LONG_ID).getAs("href")).endsWith(
                        "/tiles/" + longName), "the shortened name is in the row"),
                () -> List.of("rotated", "sheared", "non-square", "no-geotransform").forEach(
                        id -> assertEquals("ok", results.get(id).getAs("status"),
                                () -> results.get(id).getAs("error_message"))),
                () -> assertFailed(results.get(".hidden"), "hidden"),
                () -> assertFailed(results.get("one-pixel"), "too small (1x1)"),
                () -> assertFailed(results.get("three-by-200"), "too small (3x200)"),
                () -> assertFailed(results.get("huge-header"), "100000 x 100000 px"),
                () -> assertEquals(Set.of("good.tif", longName, "rotated.tif", "sheared.tif",
                        "non-square.tif", "no-geotransform.tif", "good.json",
                        longName.replace(".tif", ".json"), "rotated.json", "sheared.json",
                        "non-square.json", "no-geotransform.json"), tiles,
                        "only the ok tiles' COGs and records, nothing temporary"),
                () -> assertEquals(new GeoTransform(t.originX(), 2.5, 1, t.originY(), 0, -2.5),
                        transformOf("sheared"), "the sheared grid refined by the scale"),
                () -> assertEquals(new GeoTransform(0, 1, 0, 0, 0, 1),
                        transformOf("no-geotransform"), "no position invented"));
    }

    private GeoTransform transformOf(String id) {
        return GdalRasters.read(id, dir.resolve("superres/robust/tiles/" + id + ".tif")
                .toString(), Storage.local()).transform();
    }

    /** {@code width × height} pixels of the sample repeated, on its grid (square pixels). */
    private static Raster tiled(Raster raster, int width, int height) {
        float[][] bands = new float[raster.bandCount()][width * height];
        for (int b = 0; b < bands.length; b++) {
            for (int i = 0; i < width * height; i++) {
                int x = (i % width) % raster.width();
                int y = (i / width) % raster.height();
                bands[b][i] = raster.bands()[b][y * raster.width() + x];
            }
        }
        return new Raster(width, height, raster.bandNames(), bands, raster.transform(),
                raster.crsWkt(), raster.noData());
    }

    private Path write(Raster good, GeoTransform transform, String name) {
        return TestRasters.write(new Raster(good.width(), good.height(), good.bandNames(),
                good.bands(), transform, good.crsWkt(), good.noData()), dir.resolve(name));
    }

    private static void assertFailed(Row row, String cause) {
        String message = row.getAs("error_message");
        assertAll(() -> assertEquals("failed", row.getAs("status"), message),
                () -> assertTrue(message.contains(cause), message));
    }

    private static Row tile(String id, Path href) {
        return TestCatalog.tile(id, href, null, null, S2_BANDS, DATE, 14.5578, 45.8705, 10.0,
                null);
    }
}
