package diffusionsat.job;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import diffusionsat.io.raster.GdalRasters;
import diffusionsat.io.raster.Raster;
import diffusionsat.io.storage.Storage;
import diffusionsat.job.cli.Main;
import diffusionsat.spark.ResultRows;
import diffusionsat.testing.Fixtures;
import diffusionsat.testing.TestCatalog;
import diffusionsat.testing.TestRasters;
import diffusionsat.testing.TestSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The evaluation's rules for bad input (DESIGN.md §6, §7): a missing target skips the metrics
 * that need one with the reason; a target of another size is resampled, or fails the tile when
 * its shape differs; an empty result set gives empty tables and a report that says so. LPIPS is
 * filled with the test weights of {@code resources/metricnets/lpips-tiny}.
 */
class EvaluationBadInputIT {
    private static final Path SAMPLE = Fixtures.projectRoot()
            .resolve("conf/samples/sentinel2/s2_l1c_13band_svn_20150711.tif");
    private static final Path LPIPS_WEIGHTS = Fixtures.projectRoot()
            .resolve("src-test/src/test/resources/metricnets/lpips-tiny");

    @TempDir
    Path dir;

    @Test
    void missingTargetsAreSkippedAndMisshapenOnesFail() throws IOException {
        Storage storage = Storage.local();
        Raster sample = GdalRasters.read("sample", SAMPLE.toString(), storage);
        // The input: the 100×100 top of the 100×101 sample averaged down 4×; the sample itself
        // is then a target one row taller than the output (resampled), a 50×100 copy is not.
        Path lowRes = write(TestRasters.resize(TestRasters.crop(sample, 100, 100), 25, 25),
                "low.tif");
        Path narrow = write(TestRasters.resize(sample, 50, 100), "narrow.tif");
        Path gone = Files.copy(SAMPLE, dir.resolve("gone.tif"));
        String catalog = catalog(List.of(
                tile("paired", lowRes, SAMPLE.toString()),
                tile("no-target", lowRes, null),
                tile("missing-target", lowRes, gone.toString()),
                tile("narrow-target", lowRes, narrow.toString())));
        assertEquals(0, Main.run("superres", "--catalog", catalog, "--output", dir.toString(),
                "--run-id", "r", "--master", "local[2]", "--set", "s3a.committer=file",
                "--set", "superres.wald=false"));
        Files.delete(gone);  // a target that went missing after the job ran

        int exit = evaluate(catalog, "r", "e", "job.maxFailedFraction=0.5",
                "evaluate.lpipsWeights=" + LPIPS_WEIGHTS);

        Map<String, Row> model = rows("e", "model");
        Map<String, Row> baseline = rows("e", "baseline");
        Row paired = model.get("paired");
        String csv = Files.readString(dir.resolve("evaluate/e/summary/summary.csv"));
        String html = Files.readString(dir.resolve("evaluate/e/report/index.html"));
        assertAll(
                () -> assertEquals(0, exit, "1 of 4 failed, within the 0.5 allowed"),
                () -> assertEquals("ok", paired.getAs("status")),
                () -> assertTrue((double) paired.getAs("psnr") > 15,
                        "PSNR " + paired.getAs("psnr")),
                () -> assertTrue((double) paired.getAs("ssim") > 0.3),
                () -> assertEquals(Boolean.TRUE, paired.getAs("reference_resampled")),
                () -> assertNull(paired.getAs("skipped")),
                () -> assertTrue((double) paired.getAs("lpips") > 0,
                        "LPIPS " + paired.getAs("lpips")),
                () -> assertEquals((double) paired.getAs("lpips"),
                        (double) baseline.get("paired").getAs("lpips"), 1e-9),
                () -> assertNull(model.get("no-target").getAs("lpips"), "no target, no LPIPS"),
                () -> assertEquals((double) paired.getAs("psnr"),
                        (double) baseline.get("paired").getAs("psnr"), 1e-9,
                        "the job ran bicubic, so output and baseline agree"),
                () -> assertTrue(((String) model.get("no-target").getAs("skipped"))
                        .contains("no target_href")),
                () -> assertTrue(((String) model.get("missing-target").getAs("skipped"))
                        .contains("gone.tif does not exist")),
                () -> assertTrue((double) model.get("missing-target").getAs("consistency") > 20),
                () -> assertEquals("failed", model.get("narrow-target").getAs("status")),
                () -> assertTrue(((String) model.get("narrow-target").getAs("error_message"))
                        .contains("tile narrow-target: output 100x100 and target 50x100 differ")),
                () -> assertFalse(baseline.containsKey("narrow-target")),
                () -> assertFalse(csv.contains("NaN") || csv.contains("Infinity"), csv),
                () -> assertTrue(html.contains("narrow-target")),
                () -> assertTrue(html.contains("does not exist")));
    }

    @Test
    void emptyResultsGiveEmptyTablesAndAReportThatSaysSo() throws IOException {
        Path lowRes = write(TestRasters.resize(TestRasters.crop(GdalRasters.read("sample",
                SAMPLE.toString(), Storage.local()), 100, 100), 25, 25), "low.tif");
        String catalog = catalog(List.of(tile("only", lowRes, null)));
        TestSpark.session().createDataFrame(List.<Row>of(), ResultRows.RESULTS).write()
                .mode(SaveMode.Overwrite).parquet(dir.resolve("superres/none/results").toString());

        assertEquals(0, evaluate(catalog, "none", "e", "job.maxFailedFraction=0.05"));

        Path run = dir.resolve("evaluate/e");
        String csv = Files.readString(run.resolve("summary/summary.csv"));
        assertAll(
                () -> assertEquals(0, TestSpark.session().read()
                        .parquet(run.resolve("metrics").toString()).count()),
                () -> assertEquals(1, csv.lines().count(), "header only: " + csv),
                () -> assertTrue(Files.readString(run.resolve("summary/summary.md"))
                        .contains("No tiles to evaluate")),
                () -> assertTrue(Files.readString(run.resolve("report/index.html"))
                        .contains("id=\"empty\"")),
                () -> assertTrue(Files.exists(run.resolve("_SUCCESS"))));
    }

    private int evaluate(String catalog, String resultsRun, String runId, String... settings) {
        List<String> args = new ArrayList<>(List.of("evaluate", "--catalog", catalog, "--results",
                dir.resolve("superres/" + resultsRun).toString(), "--output", dir.toString(),
                "--run-id", runId, "--master", "local[2]", "--set", "s3a.committer=file"));
        for (String setting : settings) {
            args.add("--set");
            args.add(setting);
        }
        return Main.run(args.toArray(String[]::new));
    }

    private Map<String, Row> rows(String runId, String role) {
        return TestSpark.session().read()
                .parquet(dir.resolve("evaluate/" + runId + "/metrics").toString())
                .collectAsList().stream().filter(r -> role.equals(r.getAs("role")))
                .collect(Collectors.toMap(r -> r.getAs("id"), r -> r));
    }

    private String catalog(List<Row> rows) {
        return TestCatalog.write(rows, dir.resolve("catalog"));
    }

    private static Row tile(String id, Path input, String target) {
        return TestCatalog.tile(id, input, target, null, null,
                Instant.parse("2015-07-11T10:00:08Z"), 14.56, 45.87, 40.0, 12.5);
    }

    private Path write(Raster raster, String name) {
        return TestRasters.write(raster, dir.resolve(name));
    }
}
