package diffusionsat.job;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import diffusionsat.io.raster.Gdal;
import diffusionsat.io.storage.Storage;
import diffusionsat.job.cli.Main;
import diffusionsat.testing.CapturedLog;
import diffusionsat.testing.FileTimes;
import diffusionsat.testing.Fixtures;
import diffusionsat.testing.TestSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.gdal.gdal.Dataset;
import org.gdal.gdal.gdal;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each published output's record (a STAC Item beside it, the commit point) and resume from the
 * records alone: the tables of a run whose driver died before writing them are rebuilt, and only
 * tiles without both record and output are redone. Superres runs of the bundled samples
 * (bicubic): one shared by the item and listing tests, one resumed.
 */
class RecordsIT {
    private static final Path SAMPLES = Fixtures.projectRoot().resolve("conf/samples/sentinel2");
    private static final String PREFIX = "s2_l1c_13band_svn_";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    private static String catalog;

    @BeforeAll
    static void catalogueAndOneRun() {
        catalog = dir.resolve("catalog").toString();
        assertEquals(0, Main.run("catalog", "--input", SAMPLES.toString(), "--output", catalog));
        assertEquals(0, superres("listed"));
    }

    @Test
    void everyOutputHasAStacItemWithItsGeoreferenceResultAndProvenance() throws IOException {
        Path tiles = dir.resolve("superres/listed/tiles");
        String id = PREFIX + "20150711";
        JsonNode item = JSON.readTree(tiles.resolve(id + ".json").toFile());
        JsonNode properties = item.path("properties");
        JsonNode data = item.path("assets").path("data");
        JsonNode provenance = properties.path("diffusionsat:provenance");
        assertAll(
                () -> assertEquals("Feature", item.path("type").asText()),
                () -> assertEquals(id, item.path("id").asText()),
                () -> assertEquals("diffusionsat-superres-listed", item.path("collection").asText()),
                () -> assertEquals("Polygon", item.path("geometry").path("type").asText()),
                () -> assertEquals(4, item.path("bbox").size()),
                () -> assertTrue(properties.path("datetime").asText().startsWith("2015-07-11")),
                () -> assertTrue(properties.path("proj:epsg").isInt()),
                () -> assertEquals(List.of(404, 400), List.of(
                        properties.path("proj:shape").get(0).asInt(),
                        properties.path("proj:shape").get(1).asInt())),
                () -> assertEquals(6, properties.path("proj:transform").size()),
                () -> assertEquals(tiles.resolve(id + ".tif").toString(), data.path("href").asText()),
                () -> assertEquals(Files.size(tiles.resolve(id + ".tif")),
                        data.path("file:size").asLong()),
                () -> assertTrue(data.path("roles").toString().contains("data")),
                () -> assertEquals("ok", properties.path("diffusionsat:result").path("status")
                        .asText()),
                () -> assertTrue(properties.path("diffusionsat:metrics").path("ssim").isNumber()),
                () -> assertEquals("bicubic", provenance.path("model").asText()),
                () -> assertTrue(provenance.path("software").asText().startsWith("diffusionsat ")),
                () -> assertEquals(SAMPLES.resolve(id + ".tif").toString(),
                        provenance.path("inputs").get(0).asText()),
                () -> assertTrue(provenance.path("seed").isNumber()),
                () -> assertTrue(provenance.path("duration_ms").isNumber()),
                () -> assertEquals(5, Files.list(tiles).filter(f -> f.toString()
                        .endsWith(".json")).count()));
    }

    @Test
    void theRunListsItsOkItemsInItemsNdjsonAndACollectionCoveringThem() throws IOException {
        Path run = dir.resolve("superres/listed");
        List<String> lines = Files.readAllLines(run.resolve("items.ndjson"));
        JsonNode collection = JSON.readTree(run.resolve("collection.json").toFile());
        JsonNode box = collection.path("extent").path("spatial").path("bbox").get(0);
        JsonNode interval = collection.path("extent").path("temporal").path("interval").get(0);
        assertAll(
                () -> assertEquals(5, lines.size(), "one line per ok tile"),
                () -> assertEquals("Collection", collection.path("type").asText()),
                () -> assertEquals("diffusionsat-superres-listed", collection.path("id").asText()),
                () -> assertEquals(5, collection.path("diffusionsat:items").asInt()),
                () -> assertEquals(1, collection.path("summaries").path("proj:epsg").size()),
                () -> {
                    for (String line : lines) {
                        JsonNode item = JSON.readTree(line);
                        JsonNode bbox = item.path("bbox");
                        String id = item.path("id").asText();
                        assertTrue(box.get(0).asDouble() <= bbox.get(0).asDouble()
                                && box.get(1).asDouble() <= bbox.get(1).asDouble()
                                && box.get(2).asDouble() >= bbox.get(2).asDouble()
                                && box.get(3).asDouble() >= bbox.get(3).asDouble(), id);
                        String datetime = item.path("properties").path("datetime").asText();
                        assertTrue(Instant.parse(interval.get(0).asText())
                                .compareTo(Instant.parse(datetime)) <= 0
                                && Instant.parse(interval.get(1).asText())
                                        .compareTo(Instant.parse(datetime)) >= 0, id);
                    }
                },
                () -> {
                    for (String line : lines) {
                        assertLinksResolve(run, run.resolve("items.ndjson"), JSON.readTree(line));
                    }
                    for (JsonNode item : JSON.readTree(run.resolve("items.json").toFile())
                            .path("features")) {
                        assertLinksResolve(run, run.resolve("items.json"), item);
                    }
                    try (var records = Files.list(run.resolve("tiles"))) {
                        for (Path record : records.filter(f -> f.toString().endsWith(".json"))
                                .toList()) {
                            assertLinksResolve(run, record, JSON.readTree(record.toFile()));
                        }
                    }
                },
                () -> {
                    Gdal.ensureRegistered();
                    Dataset mosaic = gdal.Open("STACIT:\"" + run.resolve("items.json") + "\"");
                    assertNotNull(mosaic, "STACIT opens items.json: " + gdal.GetLastErrorMsg());
                    try {
                        assertEquals(3, mosaic.GetRasterCount());
                        assertTrue(mosaic.GetRasterXSize() >= 400);
                    } finally {
                        mosaic.delete();
                    }
                });
    }

    @Test
    void rerunAfterTheDriverDiedBeforeTheTablesKeepsTilesWithRecordAndOutput()
            throws IOException {
        assertEquals(0, superres("resume"));
        Path run = dir.resolve("superres/resume");
        Storage storage = Storage.local();
        // As if the driver died after the tiles: no tables, no _SUCCESS. One tile lost its COG,
        // another its record.
        for (String folder : List.of("results", "metrics", "summary", "_SUCCESS")) {
            storage.delete(run.resolve(folder).toString());
        }
        Path noCog = run.resolve("tiles/" + PREFIX + "20150731.tif");
        Path noRecord = run.resolve("tiles/" + PREFIX + "20150820.json");
        Files.delete(noCog);
        Files.delete(noRecord);
        Map<String, FileTime> before = cogTimes(run);
        Map<String, Long> sizes = cogSizes(run);

        try (CapturedLog log = new CapturedLog()) {
            Map<Path, FileTime> files = FileTimes.below(run);
            assertEquals(0, superres("resume", "--dry-run"));
            assertAll("dry run",
                    () -> assertFalse(log.containing("2 to do in 2 partitions, 3 carried over")
                            .isEmpty(), "the plan is logged"),
                    () -> assertEquals(files, FileTimes.below(run), "nothing written"));
        }

        try (CapturedLog log = new CapturedLog()) {
            assertEquals(0, superres("resume"));
            assertFalse(log.containing("3 carried over").isEmpty(), "the log says 3 carried over");
        }

        Map<String, FileTime> after = cogTimes(run);
        List<Row> results = TestSpark.session().read().parquet(run.resolve("results").toString())
                .collectAsList();
        assertAll(
                () -> assertEquals(5, results.size()),
                () -> assertTrue(results.stream().allMatch(r -> "ok".equals(r.getAs("status")))),
                () -> assertEquals(5, TestSpark.session().read()
                        .parquet(run.resolve("metrics").toString()).count()),
                () -> assertTrue(Files.exists(noCog) && Files.exists(noRecord), "both redone"),
                () -> assertNotEquals(before.get(noRecord.getFileName().toString()
                        .replace(".json", ".tif")), after.get(PREFIX + "20150820.tif"),
                        "a COG without its record is written again"),
                () -> {
                    for (String date : List.of("20150711", "20150830", "20150909")) {
                        String cog = PREFIX + date + ".tif";
                        assertEquals(before.get(cog), after.get(cog), cog + " untouched");
                        assertEquals(sizes.get(cog), Files.size(run.resolve("tiles/" + cog)));
                    }
                },
                () -> assertTrue(Files.exists(run.resolve("_SUCCESS"))));
    }

    /** The Item's collection link, resolved from the folder of {@code file}, is the run's. */
    private static void assertLinksResolve(Path run, Path file, JsonNode item) {
        JsonNode links = item.path("links");
        assertEquals(1, links.size(), file + ": " + links);
        JsonNode link = links.get(0);
        Path target = file.getParent().resolve(link.path("href").asText()).normalize();
        assertAll(file + " " + item.path("id").asText(),
                () -> assertEquals("collection", link.path("rel").asText()),
                () -> assertEquals(run.resolve("collection.json").normalize(), target),
                () -> assertEquals(item.path("collection").asText(),
                        JSON.readTree(target.toFile()).path("id").asText()));
    }

    private static int superres(String runId, String... more) {
        List<String> args = new ArrayList<>(List.of("superres", "--catalog", catalog, "--output",
                dir.toString(), "--run-id", runId, "--master", "local[2]", "--set",
                "s3a.committer=file"));
        args.addAll(List.of(more));
        return Main.run(args.toArray(String[]::new));
    }

    private static Map<String, FileTime> cogTimes(Path run) throws IOException {
        Map<String, FileTime> out = new TreeMap<>();
        for (Path cog : cogs(run)) {
            out.put(cog.getFileName().toString(), Files.getLastModifiedTime(cog));
        }
        return out;
    }

    private static Map<String, Long> cogSizes(Path run) throws IOException {
        Map<String, Long> out = new TreeMap<>();
        for (Path cog : cogs(run)) {
            out.put(cog.getFileName().toString(), Files.size(cog));
        }
        return out;
    }

    private static List<Path> cogs(Path run) throws IOException {
        try (var files = Files.list(run.resolve("tiles"))) {
            return files.filter(f -> f.toString().endsWith(".tif")).toList();
        }
    }
}
