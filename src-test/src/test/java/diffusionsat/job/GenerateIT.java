package diffusionsat.job;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import diffusionsat.io.storage.OutputNames;
import diffusionsat.job.cli.Main;
import diffusionsat.testing.Fixtures;
import diffusionsat.testing.TestSpark;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code generate} job end to end through the launcher on a generated tiny checkpoint: the
 * bundled requests plus bad rows, 64×64 images, 2 DDIM steps; then a resume of the same run id.
 */
class GenerateIT {
    private static final Path REQUESTS = Fixtures.projectRoot()
            .resolve("conf/samples/generate/requests.csv");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Its files get a shortened name: 255 bytes would not hold it with the temporary suffix. */
    private static final String LONG_ID = "request-".repeat(30);

    @TempDir
    Path dir;

    @Test
    void samplesGoodRowsFailsBadOnesAndResumes() throws IOException {
        String checkpoint = dir.resolve("tiny").toString();
        assertEquals(0, Main.run("make-checkpoint", "--output", checkpoint, "--seed", "5"));
        Path requests = writeRequests();

        assertEquals(0, generate(requests, checkpoint, "r1"));

        Path run = dir.resolve("generate/r1");
        Map<String, Row> results = resultsById(run);
        List<String> good = List.of("svn-20150711", "svn-20150731", "svn-20150830",
                "svn-20150909", "long-caption", LONG_ID);
        JsonNode longSidecar = JSON.readTree(run.resolve("images/long-caption.json").toFile());
        JsonNode svnSidecar = JSON.readTree(run.resolve("images/svn-20150711.json").toFile());
        assertAll(
                () -> assertEquals(11, results.size()),
                () -> good.forEach(id -> assertEquals("ok", results.get(id).getAs("status"), id)),
                () -> assertFailed(results, "no-lat", "missing metadata"),
                () -> assertFailed(results, "text-lon", "not a number): lon"),
                () -> assertFailed(results, "far-north", "metadata lat = 95.0"),
                () -> assertFailed(results, "empty-caption", "caption is empty"),
                () -> assertFailed(results, "latin1", "not valid UTF-8"),
                () -> {
                    for (String id : good) {
                        assertPng(run.resolve("images/" + OutputNames.fileName(id, ".png")));
                    }
                },
                () -> assertTrue(longSidecar.get("caption_truncated").asBoolean()),
                () -> assertEquals(2, svnSidecar.get("steps").asInt()),
                () -> assertEquals("unipc", svnSidecar.get("scheduler").asText()),
                // sampler.batchInvariant auto on the CPU
                () -> assertTrue(svnSidecar.get("batch_invariant").asBoolean()),
                () -> good.forEach(id -> assertEquals("unipc",
                        results.get(id).getAs("scheduler"), id)),
                () -> good.forEach(id -> assertEquals(Boolean.TRUE,
                        results.get(id).getAs("batch_invariant"), id)),
                () -> assertEquals(9.9948, svnSidecar.get("metadata").get("gsd").asDouble()),
                () -> assertEquals(9994.8, svnSidecar.get("metadata_normalized").get(2)
                        .asDouble(), 1e-3),
                () -> assertTrue(Files.exists(run.resolve("_SUCCESS"))));

        FileTime before = Files.getLastModifiedTime(run.resolve("images/svn-20150711.png"));
        assertEquals(0, generate(requests, checkpoint, "r1"));
        assertAll(
                () -> assertEquals(before, Files.getLastModifiedTime(
                        run.resolve("images/svn-20150711.png")), "a finished image is kept"),
                () -> assertEquals(11, resultsById(run).size()),
                () -> assertEquals(2, Main.run("generate", "--requests", requests.toString(),
                        "--output", dir.toString(), "--set", "model.checkpoint=" + checkpoint,
                        "--set", "sampler.steps=1000"),
                        "SD 2.1's schedule takes at most 999 steps: refused before Spark"));
    }

    @Test
    void badSamplerSettingsAndCheckpointsFailBeforeSpark() throws IOException {
        Path requests = writeRequests();
        String missing = dir.resolve("no-such-checkpoint").toString();
        assertAll(
                () -> assertEquals(2, generate(requests, missing, "x")),
                () -> assertEquals(2, Main.run("generate", "--requests", requests.toString(),
                        "--output", dir.toString(), "--set", "model.checkpoint=" + missing,
                        "--set", "sampler.guidanceScale=0.5")),
                () -> assertEquals(2, Main.run("generate", "--requests", requests.toString(),
                        "--output", dir.toString(), "--set", "model.checkpoint=" + missing,
                        "--set", "sampler.height=60")));
    }

    private int generate(Path requests, String checkpoint, String runId) {
        return Main.run("generate", "--requests", requests.toString(), "--output", dir.toString(),
                "--run-id", runId, "--master", "local[2]",
                "--set", "model.checkpoint=" + checkpoint, "--set", "sampler.steps=2",
                "--set", "sampler.scheduler=unipc", "--set", "sampler.height=64", "--set", "sampler.width=64",
                "--set", "job.maxFailedFraction=0.5", "--set", "s3a.committer=file");
    }

    /** The bundled requests plus rows that must fail (and one long caption that must not). */
    private Path writeRequests() throws IOException {
        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        csv.write(Files.readAllBytes(REQUESTS));
        String extra = "no-lat,a town,14.5,,10,0,2015-07-11\n"
                + "text-lon,a town,east,45.8,10,0,2015-07-11\n"
                + LONG_ID + ",a town,14.5,45.8,10,0,2015-07-11\n"
                + "far-north,a town,14.5,95,10,0,2015-07-11\n"
                + "empty-caption,,14.5,45.8,10,0,2015-07-11\n"
                + "long-caption," + "fields and roads and rivers and towns ".repeat(15)
                + ",14.5,45.8,10,0,2015-07-11\n";
        csv.write(extra.getBytes(StandardCharsets.UTF_8));
        // "café" in ISO-8859-1: the byte 0xE9 is not valid UTF-8
        csv.write("latin1,caf".getBytes(StandardCharsets.US_ASCII));
        csv.write(0xE9);
        csv.write(",14.5,45.8,10,0,2015-07-11\n".getBytes(StandardCharsets.US_ASCII));
        Path file = dir.resolve("requests.csv");
        Files.write(file, csv.toByteArray());
        return file;
    }

    private static Map<String, Row> resultsById(Path run) {
        Map<String, Row> byId = new HashMap<>();
        TestSpark.session().read().parquet(run.resolve("results").toString()).collectAsList()
                .forEach(r -> byId.put(r.getAs("id"), r));
        return byId;
    }

    private static void assertFailed(Map<String, Row> results, String id, String cause) {
        Row row = results.get(id);
        assertEquals("failed", row.getAs("status"), id);
        String message = row.getAs("error_message");
        assertTrue(message.contains(id) && message.contains(cause), id + ": " + message);
    }

    private static void assertPng(Path file) throws IOException {
        BufferedImage image = ImageIO.read(file.toFile());
        assertAll(file.toString(), () -> assertEquals(64, image.getWidth()),
                () -> assertEquals(64, image.getHeight()));
    }
}
