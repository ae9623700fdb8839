package diffusionsat.job;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import diffusionsat.io.raster.Gdal;
import diffusionsat.job.cli.Main;
import diffusionsat.testing.Fixtures;
import diffusionsat.testing.LocalCluster;
import diffusionsat.testing.TestSpark;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.Vector;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.gdal.gdal.Dataset;
import org.gdal.gdal.TranslateOptions;
import org.gdal.gdal.gdal;
import org.gdal.gdalconst.gdalconst;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * superres on a real Spark standalone cluster on loopback (scripts/local-cluster.sh: a master
 * and two workers of one core, each executor its own JVM), submitted through scripts/submit.sh
 * with the build's own spark-submit, while parts of the cluster die: an executor, the driver,
 * and speculative copies of a slow task; and the run's items as a mosaic in GDAL. Bicubic on
 * 15 copies of the bundled samples, each moved to its own place of a 3 x 5 grid.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalClusterIT {
    private static final Path SAMPLES = Fixtures.projectRoot().resolve("conf/samples/sentinel2");
    private static final int COPIES = 3;                 // x 5 samples: 15 tiles
    private static final long JOB_SECONDS = 600;       // generous: the test machine is shared

    @RegisterExtension
    static final LocalCluster CLUSTER = new LocalCluster(2);

    @TempDir
    static Path dir;
    private static String catalog;
    private static Set<String> ids;

    @BeforeAll
    static void catalogue() throws IOException {
        Gdal.ensureRegistered();
        Path inputs = dir.resolve("inputs");
        Files.createDirectories(inputs);
        ids = new TreeSet<>();
        List<Path> samples;
        try (Stream<Path> files = Files.list(SAMPLES)) {
            samples = files.filter(p -> p.toString().endsWith(".tif")).sorted().toList();
        }
        for (int row = 0; row < samples.size(); row++) {
            String name = samples.get(row).getFileName().toString().replace(".tif", "");
            for (int column = 0; column < COPIES; column++) {
                String id = "c" + column + "_" + name;
                Path copy = inputs.resolve(id + ".tif");
                Files.copy(samples.get(row), copy);
                moveTo(copy, column, row);
                ids.add(id);
            }
        }
        catalog = dir.resolve("catalog").toString();
        assertEquals(0, Main.run("catalog", "--input", inputs.toString(), "--output", catalog));
    }

    @Test
    @Order(1)
    void anExecutorKilledMidJobLosesNoTileAndLeavesNoStrayFile() throws Exception {
        Path run = dir.resolve("out/superres/executor-lost");
        int writtenAtKill;
        int exit;
        String output;
        try (LocalCluster.Driver driver = CLUSTER.start(List.of(),
                dir.resolve("executor-lost.log"), superres(catalog, "executor-lost"))) {
            assertTrue(LocalCluster.await(() -> cogs(run).size() >= 1
                    && !CLUSTER.executors().isEmpty(), JOB_SECONDS),
                    "no COG written: " + driver.output());
            CLUSTER.executors().get(0).destroyForcibly();    // SIGKILL
            writtenAtKill = cogs(run).size();
            exit = driver.waitFor(JOB_SECONDS);
            output = driver.output();
        }

        assertAll(output,
                () -> assertEquals(0, exit),
                () -> assertTrue(writtenAtKill < ids.size(), "the kill landed mid-job: "
                        + writtenAtKill + " of " + ids.size() + " written"),
                () -> assertEveryTileOkOnce(run),
                () -> assertOnlyFinishedFiles(run));
    }

    @Test
    @Order(2)
    void aRerunAfterTheDriverWasKilledKeepsEveryFinishedTile() throws Exception {
        Path run = dir.resolve("out/superres/driver-lost");
        try (LocalCluster.Driver driver = CLUSTER.start(List.of(),
                dir.resolve("driver-lost.log"), superres(catalog, "driver-lost"))) {
            assertTrue(LocalCluster.await(() -> records(run).size() >= 3, JOB_SECONDS),
                    "no records written: " + driver.output());
            driver.kill();                               // SIGKILL the driver's JVM
        }
        // Its executors notice the lost driver and exit; whatever they finished until then counts.
        assertTrue(LocalCluster.await(() -> CLUSTER.executors().isEmpty(), 120),
                "the executors of the killed driver exited");
        Map<String, List<Object>> finished = new TreeMap<>();
        for (String id : records(run)) {
            Path cog = run.resolve("tiles/" + id + ".tif");
            finished.put(id, List.of(Files.getLastModifiedTime(cog), Files.size(cog)));
        }

        LocalCluster.Finished rerun = CLUSTER.submit(List.of(), dir.resolve("rerun.log"),
                JOB_SECONDS, superres(catalog, "driver-lost"));
        Map<String, List<Object>> after = new TreeMap<>();
        for (String id : finished.keySet()) {
            Path cog = run.resolve("tiles/" + id + ".tif");
            after.put(id, List.of(Files.getLastModifiedTime(cog), Files.size(cog)));
        }
        assertAll(rerun.output(),
                () -> assertEquals(0, rerun.exit()),
                () -> assertTrue(finished.size() < ids.size(), "the kill landed mid-job: "
                        + finished.size() + " of " + ids.size() + " finished"),
                () -> assertEquals(finished, after, "every COG finished before the kill untouched"),
                () -> assertTrue(rerun.output().contains(finished.size() + " carried over"),
                        "the rerun carried the finished tiles over"),
                () -> assertEveryTileOkOnce(run),
                () -> assertEquals(ids, records(run), "a record per tile"),
                () -> assertOnlyFinishedFiles(run));
    }

    @Test
    @Order(3)
    void speculativeCopiesOfASlowTaskWriteEachTileOnce() throws Exception {
        Path inputs = dir.resolve("slow-inputs");
        Files.createDirectories(inputs);
        // Few quick tiles beside the slow one, so that the other slot is free while the slow
        // task still runs, wherever it falls in the task order (copies need a free slot).
        Set<String> slowIds = new TreeSet<>();
        for (String id : ids.stream().limit(3).toList()) {
            Files.copy(dir.resolve("inputs/" + id + ".tif"), inputs.resolve(id + ".tif"));
            slowIds.add(id);
        }
        // The slow task: one tile with 64 times the pixels of the others.
        String big = "big_s2_l1c_13band_svn_20150711";
        enlarge(SAMPLES.resolve("s2_l1c_13band_svn_20150711.tif"), inputs.resolve(big + ".tif"));
        slowIds.add(big);
        String slowCatalog = dir.resolve("slow-catalog").toString();
        assertEquals(0, Main.run("catalog", "--input", inputs.toString(), "--output", slowCatalog));

        Path run = dir.resolve("out/superres/speculation");
        Instant submitted = Instant.now();
        LocalCluster.Finished job = CLUSTER.submit(List.of("--conf", "spark.speculation=true",
                "--conf", "spark.speculation.multiplier=1.5",
                "--conf", "spark.speculation.quantile=0.5",
                "--conf", "spark.speculation.minTaskRuntime=1s"), dir.resolve("speculation.log"),
                JOB_SECONDS, superres(slowCatalog, "speculation", "--set", "job.tilesPerPartition=1"));
        String executorLogs = CLUSTER.executorLogs(submitted);

        assertAll(job.output(),
                () -> assertEquals(0, job.exit()),
                () -> assertTrue(secondAttempts(executorLogs) > 0,
                        "a speculative copy ran (a task attempt .1 without any failure)"),
                () -> assertFalse(executorLogs.contains("ERROR Executor: Exception in task"),
                        "no task failed, so every second attempt was speculative"),
                () -> assertEveryTileOkOnce(run, slowIds),
                () -> assertEquals(slowIds, records(run), "one record per tile"),
                () -> assertOnlyFinishedFiles(run, slowIds));
    }

    @Test
    @Order(4)
    void theRunsItemsOpenInGdalsStacitDriverAsAMosaicOfTheOutputs() throws Exception {
        Path run = dir.resolve("out/superres/executor-lost");
        if (!Files.exists(run.resolve("_SUCCESS"))) {                // run on its own
            run = dir.resolve("out/superres/items");
            LocalCluster.Finished job = CLUSTER.submit(List.of(), dir.resolve("items.log"),
                    JOB_SECONDS, superres(catalog, "items"));
            assertEquals(0, job.exit(), job.output());
        }
        List<String> lines = Files.readAllLines(run.resolve("items.ndjson"));
        Set<String> itemIds = new TreeSet<>();
        for (String line : lines) {
            Matcher id = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(line);
            assertTrue(id.find(), line);
            itemIds.add(id.group(1));
        }
        Dataset mosaic = gdal.Open("STACIT:\"" + run.resolve("items.json") + "\"");
        assertTrue(mosaic != null, "STACIT opens items.json: " + gdal.GetLastErrorMsg());
        try {
            Dataset first = gdal.Open(run.resolve("tiles/" + ids.iterator().next() + ".tif")
                    .toString());
            double[] tile = first.GetGeoTransform();
            int tileWidth = first.GetRasterXSize();
            int tileHeight = first.GetRasterYSize();
            first.delete();
            Set<String> files = new TreeSet<>();
            for (Object f : mosaic.GetFileList()) {
                files.add(Path.of(f.toString()).getFileName().toString());
            }
            Set<String> cogs = new TreeSet<>();
            ids.forEach(id -> cogs.add(id + ".tif"));
            files.retainAll(cogs);
            double[] grid = mosaic.GetGeoTransform();
            assertAll(
                    () -> assertEquals(lines.size(), ids.size(), "one item per line and tile"),
                    () -> assertEquals(ids, itemIds),
                    () -> assertEquals(cogs, files, "the mosaic reads every COG"),
                    () -> assertEquals(3, mosaic.GetRasterCount()),
                    () -> assertEquals(COPIES * tileWidth, mosaic.GetRasterXSize()),
                    () -> assertEquals(5 * tileHeight, mosaic.GetRasterYSize()),
                    () -> assertEquals(tile[1], grid[1], 1e-9, "the outputs' pixel size"),
                    () -> assertEquals(tile[5], grid[5], 1e-9));
        } finally {
            mosaic.delete();
        }
    }

    /**
     * Moves a copy of a sample to its own place: {@code column} tile widths east and {@code row}
     * tile heights south of the sample, so the outputs together tile a mosaic.
     */
    private static void moveTo(Path raster, int column, int row) {
        Dataset dataset = gdal.Open(raster.toString(), gdalconst.GA_Update);
        double[] transform = dataset.GetGeoTransform();
        transform[0] += column * dataset.GetRasterXSize() * transform[1];
        transform[3] += row * dataset.GetRasterYSize() * transform[5];
        dataset.SetGeoTransform(transform);
        dataset.delete();
    }

    private static String[] superres(String catalogUri, String runId, String... more) {
        List<String> args = new ArrayList<>(List.of("superres", "--catalog", catalogUri,
                "--output", dir.resolve("out").toString(), "--run-id", runId,
                "--set", "s3a.committer=file", "--set", "superres.wald=false",
                "--set", "job.progressIntervalSeconds=5"));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    private static void assertEveryTileOkOnce(Path run) {
        assertEveryTileOkOnce(run, ids);
    }

    private static void assertEveryTileOkOnce(Path run, Set<String> expected) {
        List<Row> results = TestSpark.session().read().parquet(run.resolve("results").toString())
                .collectAsList();
        List<String> resultIds = results.stream().map(r -> r.<String>getAs("id")).sorted().toList();
        assertAll(
                () -> assertEquals(List.copyOf(expected), resultIds, "one row per tile"),
                () -> assertTrue(results.stream().allMatch(r -> "ok".equals(r.getAs("status"))),
                        "every tile ok"));
    }

    private static void assertOnlyFinishedFiles(Path run) throws IOException {
        assertOnlyFinishedFiles(run, ids);
    }

    /**
     * tiles/ holds each tile's COG (and its record, where one is written) under its final name,
     * and nothing else: no temporary or partial file; every COG opens whole (4x the input).
     */
    private static void assertOnlyFinishedFiles(Path run, Set<String> expected) throws IOException {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.list(run.resolve("tiles"))) {
            files.forEach(f -> names.add(f.getFileName().toString()));
        }
        Set<String> allowed = new TreeSet<>();
        for (String id : expected) {
            allowed.add(id + ".tif");
            allowed.add(id + ".json");
        }
        Set<String> stray = new TreeSet<>(names);
        stray.removeAll(allowed);
        assertEquals(Set.of(), stray, "no temporary, partial or extra file under tiles/");
        for (String id : expected) {
            assertTrue(names.contains(id + ".tif"), id + ".tif");
            Dataset cog = gdal.Open(run.resolve("tiles/" + id + ".tif").toString());
            try {
                Dataset input = gdal.Open(dir.resolve(id.startsWith("big_") ? "slow-inputs" : "inputs")
                        .resolve(id + ".tif").toString());
                assertEquals(4 * input.GetRasterXSize(), cog.GetRasterXSize(), id);
                assertEquals(4 * input.GetRasterYSize(), cog.GetRasterYSize(), id);
                input.delete();
            } finally {
                cog.delete();
            }
        }
    }

    private static List<Path> cogs(Path run) {
        Path tiles = run.resolve("tiles");
        if (!Files.isDirectory(tiles)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(tiles)) {
            return files.filter(f -> f.toString().endsWith(".tif")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The ids of the tiles with a record (tiles/<id>.json). */
    private static Set<String> records(Path run) {
        Path tiles = run.resolve("tiles");
        Set<String> out = new TreeSet<>();
        if (Files.isDirectory(tiles)) {
            try (Stream<Path> files = Files.list(tiles)) {
                files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".json"))
                        .forEach(n -> out.add(n.substring(0, n.length() - ".json".length())));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    /** How many task attempts after the first ran ("Running task 3.1 in stage 2.0"). */
    private static long secondAttempts(String executorLogs) {
        Matcher m = Pattern.compile("Running task \\d+\\.([1-9]\\d*) in stage").matcher(executorLogs);
        long n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    /** Eight times the width and height, bilinear: a tile with 64 times the work. */
    private static void enlarge(Path from, Path to) {
        Dataset source = gdal.Open(from.toString());
        Dataset out = gdal.Translate(to.toString(), source, new TranslateOptions(new Vector<>(
                List.of("-outsize", "800%", "800%", "-r", "bilinear"))));
        out.delete();
        source.delete();
    }
}
