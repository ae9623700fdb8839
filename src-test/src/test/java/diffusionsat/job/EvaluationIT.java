package diffusionsat.job;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import diffusionsat.job.cli.Main;
import diffusionsat.testing.CapturedLog;
import diffusionsat.testing.FileTimes;
import diffusionsat.testing.Fixtures;
import diffusionsat.testing.HeadlessChromium;
import diffusionsat.testing.TestSpark;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code superres} on the bundled samples, then {@code evaluate} through the launcher's entry
 * point: real Spark, GDAL, JFreeChart and ImageIO, and the report opened in headless Chromium.
 */
class EvaluationIT {
    private static final Path SAMPLES = Fixtures.projectRoot().resolve("conf/samples/sentinel2");
    private static final Pattern IMG = Pattern.compile("<img src=\"([^\"]+)\"");

    @TempDir
    Path dir;

    @Test
    void sampleRunReportRendersInChromiumWithItsImages() throws Exception {
        String catalog = dir.resolve("catalog").toString();
        assertEquals(0, Main.run("catalog", "--input", SAMPLES.toString(), "--output", catalog));
        assertEquals(0, Main.run("superres", "--catalog", catalog, "--output", dir.toString(),
                "--run-id", "r1", "--master", "local[2]", "--set", "s3a.committer=file"));

        // A dry run reads the results and the catalogue, says what it would evaluate, writes
        // nothing.
        Map<Path, FileTime> before = FileTimes.below(dir);
        try (CapturedLog log = new CapturedLog()) {
            assertEquals(0, evaluate(catalog, "e1", "--dry-run"));
            assertAll("dry run",
                    () -> assertFalse(log.containing("evaluate (dry run): 5 to do in 1"
                            + " partitions, 0 carried over").isEmpty(), "the plan is logged"),
                    () -> assertEquals(before, FileTimes.below(dir), "nothing written"));
        }

        assertEquals(0, evaluate(catalog, "e1"));
        Path run = dir.resolve("evaluate/e1");
        List<Row> metrics = TestSpark.session().read().parquet(run.resolve("metrics").toString())
                .collectAsList();
        Path page = run.resolve("report/index.html");
        String html = Files.readString(page);
        assertAll(
                () -> assertEquals(10, metrics.size(), "5 tiles × (model, baseline)"),
                () -> assertTrue(metrics.stream().allMatch(r -> "ok".equals(r.getAs("status")))),
                () -> assertTrue(metrics.stream()
                        .allMatch(r -> (double) r.getAs("consistency") > 20),
                        "bicubic keeps the observed pixels' averages"),
                () -> assertTrue(metrics.stream().allMatch(r -> r.getAs("psnr") == null
                        && ((String) r.getAs("skipped")).contains("no target_href"))),
                () -> assertTrue(Files.exists(run.resolve("summary/summary.md"))),
                () -> assertTrue(Files.exists(run.resolve("summary/summary.csv"))),
                () -> assertTrue(Files.exists(run.resolve("_SUCCESS"))),
                () -> assertTrue(html.contains("LPIPS") && html.contains("never estimated")),
                () -> assertTrue(html.contains("No earlier evaluation run")));

        Path profile = Files.createDirectories(dir.resolve("chromium-profile"));
        HeadlessChromium.Load load = HeadlessChromium.dumpDom(page, profile);
        Matcher images = IMG.matcher(load.dom());
        int count = 0;
        while (images.find()) {
            Path image = page.getParent().resolve(images.group(1));
            BufferedImage decoded = ImageIO.read(image.toFile());
            assertNotNull(decoded, image + " must be a readable image");
            assertTrue(decoded.getWidth() > 0 && decoded.getHeight() > 0);
            count++;
        }
        Path screenshot = dir.resolve("report.png");
        HeadlessChromium.screenshot(page, profile, screenshot, 1280, 3000);
        int imageCount = count;
        assertAll(
                () -> assertTrue(load.dom().contains("id=\"summary\""), "summary table rendered"),
                () -> assertEquals(3 + 5, imageCount,
                        "consistency histogram, against date and cloud cover; 5 sample grids"),
                () -> assertFalse(load.log().contains("ERR_FILE_NOT_FOUND"), load.log()),
                () -> assertFalse(load.log().contains(":CONSOLE("), load.log()),
                () -> assertNotNull(ImageIO.read(screenshot.toFile())));

        // A second run compares with the first: same outputs, so every change is zero.
        assertEquals(0, evaluate(catalog, "e2"));
        List<Row> summary = TestSpark.session().read()
                .parquet(dir.resolve("evaluate/e2/summary/parquet").toString()).collectAsList();
        assertAll(
                () -> assertEquals(2, summary.size(), "bicubic model and baseline"),
                () -> assertTrue(summary.stream().allMatch(r ->
                        ((String) r.getAs("previous_run")).endsWith("evaluate/e1"))),
                () -> assertTrue(summary.stream().allMatch(r ->
                        (double) r.getAs("consistency_change") == 0.0)),
                () -> assertNull(summary.get(0).getAs("psnr_change"), "no PSNR in either run"));

        // Rerunning a finished run id keeps it: nothing is recomputed or rewritten; a dry run
        // of it says its 5 tiles are carried over.
        Path summaryFile = dir.resolve("evaluate/e2/summary/summary.md");
        FileTime written = Files.getLastModifiedTime(summaryFile);
        try (CapturedLog log = new CapturedLog()) {
            assertAll(
                    () -> assertEquals(0, evaluate(catalog, "e2", "--dry-run")),
                    () -> assertFalse(log.containing("evaluate (dry run): 0 to do in 0"
                            + " partitions, 5 carried over").isEmpty(), "the plan is logged"),
                    () -> assertEquals(0, evaluate(catalog, "e2")),
                    () -> assertEquals(written, Files.getLastModifiedTime(summaryFile)));
        }
    }

    private int evaluate(String catalog, String runId, String... more) {
        List<String> args = new ArrayList<>(List.of("evaluate", "--catalog", catalog,
                "--results", dir.resolve("superres/r1").toString(), "--output", dir.toString(),
                "--run-id", runId, "--master", "local[2]", "--set", "s3a.committer=file"));
        args.addAll(List.of(more));
        return Main.run(args.toArray(String[]::new));
    }
}
