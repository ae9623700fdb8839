package diffusionsat.job;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import diffusionsat.io.raster.GdalRasters;
import diffusionsat.io.raster.Raster;
import diffusionsat.io.storage.Storage;
import diffusionsat.job.cli.Main;
import diffusionsat.testing.Fixtures;
import diffusionsat.testing.LargestStage;
import diffusionsat.testing.S3Server;
import diffusionsat.testing.TestSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code superres} job end to end through the launcher's entry point: real Spark, real GDAL,
 * the bundled samples, on local disk and on the S3 server on loopback.
 */
class SuperResolutionIT {
    private static final Path SAMPLES = Fixtures.projectRoot().resolve("conf/samples/sentinel2");
    private static final List<String> DATES =
            List.of("20150711", "20150731", "20150820", "20150830", "20150909");

    @TempDir
    Path dir;

    @Test
    void localRunWritesGeoreferencedCogsAndTables() throws IOException {
        String catalog = dir.resolve("catalog").toString();
        assertEquals(0, Main.run("catalog", "--input", SAMPLES.toString(), "--output", catalog));
        assertEquals(0, superres(catalog, dir.toString(), "r1"));

        Path run = dir.resolve("superres/r1");
        Storage storage = Storage.local();
        for (String date : DATES) {
            String id = "s2_l1c_13band_svn_" + date;
            Raster input = GdalRasters.read(id, SAMPLES.resolve(id + ".tif").toString(), storage);
            Raster output = GdalRasters.read(id, run.resolve("tiles/" + id + ".tif").toString(), storage);
            assertAll(id,
                    () -> assertEquals(input.width() * 4, output.width()),
                    () -> assertEquals(input.height() * 4, output.height()),
                    () -> assertEquals(3, output.bands().length),
                    () -> assertEquals(List.of("R", "G", "B"), output.bandNames()),
                    () -> assertEquals(input.crsWkt(), output.crsWkt()),
                    () -> assertArrayEquals(input.transform().scaled(4).toGdal(),
                            output.transform().toGdal(), 1e-9));
        }
        List<Row> results = TestSpark.session().read().parquet(run.resolve("results").toString())
                .collectAsList();
        List<Row> metrics = TestSpark.session().read().parquet(run.resolve("metrics").toString())
                .collectAsList();
        assertAll(
                () -> assertEquals(5, results.size()),
                () -> assertTrue(results.stream().allMatch(r -> "ok".equals(r.getAs("status")))),
                () -> assertEquals(5, metrics.size(), "every tile scored by Wald's protocol"),
                () -> assertTrue(metrics.stream().allMatch(r -> (double) r.getAs("ssim") > 0.3
                        && (double) r.getAs("psnr") > 15)),
                () -> assertTrue(metrics.stream().allMatch(r -> (double) r.getAs("valid_fraction")
                        == 1.0 && r.getAs("metrics_skipped") == null), "no nodata in the samples"),
                () -> assertTrue(Files.exists(run.resolve("summary/summary.md"))),
                () -> assertTrue(Files.exists(run.resolve("summary/summary.csv"))),
                () -> assertTrue(Files.exists(run.resolve("_SUCCESS"))));
    }

    @Test
    void rerunWithTheSameRunIdWritesNothingNew() throws IOException {
        String catalog = dir.resolve("catalog").toString();
        Main.run("catalog", "--input", SAMPLES.toString(), "--output", catalog);
        assertEquals(0, superres(catalog, dir.toString(), "again"));
        Path run = dir.resolve("superres/again");
        Map<Path, FileTime> before = modificationTimes(run);
        List<Row> resultsBefore = sortedResults(run);

        assertEquals(0, superres(catalog, dir.toString(), "again"));

        assertAll(
                () -> assertEquals(before, modificationTimes(run), "no file rewritten"),
                () -> assertEquals(resultsBefore, sortedResults(run)));
    }

    @Test
    void whereSelectsTilesByCatalogueColumns() {
        String catalog = dir.resolve("catalog").toString();
        Main.run("catalog", "--input", SAMPLES.toString(), "--output", catalog);
        assertEquals(0, Main.run("superres", "--catalog", catalog, "--output", dir.toString(),
                "--run-id", "july", "--where", "year = 2015 AND datetime < '2015-08-01'",
                "--master", "local[2]", "--set", "s3a.committer=file"));
        List<Row> results = TestSpark.session().read()
                .parquet(dir.resolve("superres/july/results").toString()).collectAsList();
        assertEquals(List.of("s2_l1c_13band_svn_20150711", "s2_l1c_13band_svn_20150731"),
                results.stream().map(r -> r.<String>getAs("id")).sorted().toList());
    }

    @Test
    void runsWithCatalogueAndOutputsOnS3() throws IOException {
        S3Server s3 = S3Server.get();
        s3.createBucket("superres-it");
        Storage storage = Storage.of(s3.hadoopSettings());
        for (String date : DATES) {
            for (String ext : List.of(".tif", ".json")) {
                String name = "s2_l1c_13band_svn_" + date + ext;
                storage.publish(SAMPLES.resolve(name), "s3a://superres-it/samples/" + name);
            }
        }
        List<String> s3Settings = new ArrayList<>();
        s3.jobSettings().forEach((k, v) -> s3Settings.addAll(List.of("--set", k + "=" + v)));

        List<String> catalogArgs = new ArrayList<>(List.of("catalog", "--input",
                "s3a://superres-it/samples", "--output", "s3a://superres-it/catalog"));
        catalogArgs.addAll(s3Settings);
        assertEquals(0, Main.run(catalogArgs.toArray(String[]::new)));
        List<String> jobArgs = new ArrayList<>(List.of("superres", "--catalog",
                "s3a://superres-it/catalog", "--output", "s3a://superres-it/out", "--run-id", "s3",
                "--master", "local[2]", "--set", "job.progressIntervalSeconds=1"));
        jobArgs.addAll(s3Settings);
        assertEquals(0, Main.run(jobArgs.toArray(String[]::new)));

        String id = "s2_l1c_13band_svn_20150711";
        Raster output = GdalRasters.read(id, "s3a://superres-it/out/superres/s3/tiles/" + id + ".tif",
                storage);
        List<Row> results = TestSpark.session().read()
                .parquet("s3a://superres-it/out/superres/s3/results").collectAsList();
        assertAll(
                () -> assertEquals(400, output.width()),
                () -> assertEquals(404, output.height()),
                () -> assertEquals(5, results.size()),
                () -> assertTrue(storage.exists("s3a://superres-it/out/superres/s3/_SUCCESS")));
    }

    /**
     * With Spark's own 200 shuffle partitions (a session the command makes itself, not the
     * tests' session of 2), no stage of a 5-tile run, its tables and items included, has more
     * tasks than the run has tiles: the scenes' rows are not kept in the grouping's partitions.
     */
    @Test
    void noStageOfASmallRunHasMoreTasksThanTiles() {
        String catalog = dir.resolve("catalog").toString();
        assertEquals(0, Main.run("catalog", "--input", SAMPLES.toString(), "--output", catalog));
        TestSpark.stop();
        System.setProperty("spark.extraListeners", LargestStage.class.getName());
        try {
            LargestStage.reset();
            assertEquals(0, superres(catalog, dir.toString(), "small"));
        } finally {
            System.clearProperty("spark.extraListeners");
            TestSpark.stop();
        }
        assertTrue(LargestStage.tasks() >= 1, "the listener saw the run's stages");
        assertTrue(LargestStage.tasks() <= DATES.size(), "largest stage: " + LargestStage.tasks()
                + " tasks for " + DATES.size() + " tiles");
    }

    private static int superres(String catalog, String output, String runId) {
        return Main.run("superres", "--catalog", catalog, "--output", output, "--run-id", runId,
                "--master", "local[2]", "--set", "s3a.committer=file");
    }

    private static Map<Path, FileTime> modificationTimes(Path root) throws IOException {
        Map<Path, FileTime> out = new HashMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                out.put(root.relativize(file), Files.getLastModifiedTime(file));
            }
        }
        return out;
    }

    private static List<Row> sortedResults(Path run) {
        return TestSpark.session().read().parquet(run.resolve("results").toString())
                .orderBy("id").collectAsList();
    }
}
