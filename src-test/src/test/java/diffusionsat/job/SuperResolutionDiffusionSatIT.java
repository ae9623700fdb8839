package diffusionsat.job;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import diffusionsat.io.raster.GdalRasters;
import diffusionsat.io.raster.Raster;
import diffusionsat.io.storage.Storage;
import diffusionsat.job.cli.Main;
import diffusionsat.metrics.PixelSpread;
import diffusionsat.testing.Fixtures;
import diffusionsat.testing.TestSpark;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code superres --model diffusionsat} end to end through the launcher: a tiny generated
 * checkpoint with a 10-channel ControlNet, the bundled Sentinel-2 samples, real Spark and GDAL.
 * Small on purpose: one tile, 2 DDIM steps, 256 px generations at scale 4 (windows of 64 input
 * pixels, 2 × 2 per 100 × 101 tile).
 */
class SuperResolutionDiffusionSatIT {
    private static final Path SAMPLES = Fixtures.projectRoot().resolve("conf/samples/sentinel2");
    private static final List<String> IDS = List.of("s2_l1c_13band_svn_20150711");

    @TempDir
    Path dir;

    @Test
    void writesGeoreferencedModelOutputsAndResults() {
        String catalog = catalog();
        String checkpoint = checkpoint();
        assertEquals(0, superres(catalog, checkpoint, "dsat", 1));

        Path run = dir.resolve("superres/dsat");
        Storage storage = Storage.local();
        for (String id : IDS) {
            Raster input = GdalRasters.read(id, SAMPLES.resolve(id + ".tif").toString(), storage);
            Raster output = GdalRasters.read(id, run.resolve("tiles/" + id + ".tif").toString(),
                    storage);
            assertAll(id,
                    () -> assertEquals(input.width() * 4, output.width()),
                    () -> assertEquals(input.height() * 4, output.height()),
                    () -> assertEquals(List.of("R", "G", "B"), output.bandNames()),
                    () -> assertEquals(input.crsWkt(), output.crsWkt()),
                    () -> assertArrayEquals(input.transform().scaled(4).toGdal(),
                            output.transform().toGdal(), 1e-9),
                    () -> assertTrue(inUnitRange(output.bands()), "pixels in [0, 1]"));
        }
        List<Row> results = TestSpark.session().read().parquet(run.resolve("results").toString())
                .collectAsList();
        assertAll(
                () -> assertEquals(1, results.size()),
                () -> assertTrue(results.stream().allMatch(r -> "ok".equals(r.getAs("status"))
                        && "diffusionsat".equals(r.getAs("model"))
                        && "dpmsolver++".equals(r.getAs("scheduler"))
                        && Boolean.FALSE.equals(r.getAs("batch_invariant"))
                        && (int) r.getAs("steps") == 2)));
    }

    /**
     * Three seeds per tile: the output is the one-sample run's, bit for bit; the standard
     * deviation map lies on its grid, and its mean is in the results, the metrics and the
     * evaluation's metrics.
     */
    @Test
    void uncertaintySamplesWriteTheSpreadMapAndItsMean() {
        String catalog = catalog();
        String checkpoint = checkpoint();
        assertEquals(0, superres(catalog, checkpoint, "one", 1));
        assertEquals(0, superres(catalog, checkpoint, "three", 3));

        String id = IDS.get(0);
        Storage storage = Storage.local();
        Path one = dir.resolve("superres/one");
        Path three = dir.resolve("superres/three");
        Raster single = GdalRasters.read(id, one.resolve("tiles/" + id + ".tif").toString(),
                storage);
        Raster first = GdalRasters.read(id, three.resolve("tiles/" + id + ".tif").toString(),
                storage);
        Raster spread = GdalRasters.read(id,
                three.resolve("tiles/" + id + ".uncertainty.tif").toString(), storage);
        double mean = PixelSpread.mean(spread.bands());
        Row result = TestSpark.session().read().parquet(three.resolve("results").toString())
                .first();
        Row metrics = TestSpark.session().read().parquet(three.resolve("metrics").toString())
                .first();
        assertEquals(0, Main.run("evaluate", "--catalog", catalog, "--results", three.toString(),
                "--output", dir.toString(), "--run-id", "e3", "--master", "local[2]",
                "--set", "s3a.committer=file"));
        Row evaluated = TestSpark.session().read()
                .parquet(dir.resolve("evaluate/e3/metrics").toString())
                .filter("role = 'model'").first();
        assertAll(
                () -> assertArrayEquals(single.bands(), first.bands()),
                () -> assertEquals(List.of("R std", "G std", "B std"), spread.bandNames()),
                () -> assertEquals(first.width(), spread.width()),
                () -> assertArrayEquals(first.transform().toGdal(), spread.transform().toGdal(),
                        0),
                () -> assertTrue(mean > 0, "three seeds disagree somewhere: " + mean),
                () -> assertEquals(mean, (double) result.getAs("uncertainty"), 1e-6),
                () -> assertEquals(three.resolve("tiles/" + id + ".uncertainty.tif").toString(),
                        result.getAs("uncertainty_href")),
                () -> assertEquals(mean, (double) metrics.getAs("uncertainty"), 1e-6),
                () -> assertEquals(mean, (double) evaluated.getAs("uncertainty"), 1e-6));
    }

    /**
     * The same tile cut into 2 × 2 chunks (superres.chunkSize 64, borders on the window grid),
     * one chunk per partition: the output equals the one-chunk run's bit for bit (batch
     * invariant: a chunk's rows of windows are smaller batches), and the chunks ran in more
     * than one task.
     */
    @Test
    void chunkedRunEqualsTheUnchunkedRun() {
        String catalog = catalog();
        String checkpoint = checkpoint();
        assertEquals(0, superres(catalog, checkpoint, "whole", 1,
                "sampler.batchInvariant=true"));
        assertEquals(0, superres(catalog, checkpoint, "chunked", 1, "superres.chunkSize=64",
                "job.tilesPerPartition=1", "sampler.batchInvariant=true"));

        String id = IDS.get(0);
        Storage storage = Storage.local();
        Raster whole = GdalRasters.read(id, dir.resolve("superres/whole/tiles/" + id + ".tif")
                .toString(), storage);
        Raster chunked = GdalRasters.read(id, dir.resolve("superres/chunked/tiles/" + id
                + ".tif").toString(), storage);
        List<Row> chunks = TestSpark.session().read()
                .parquet(dir.resolve("superres/chunked/chunks").toString()).collectAsList();
        Row result = TestSpark.session().read()
                .parquet(dir.resolve("superres/chunked/results").toString()).first();
        assertAll(
                () -> assertArrayEquals(whole.bands(), chunked.bands()),
                () -> assertArrayEquals(whole.transform().toGdal(), chunked.transform().toGdal(),
                        0),
                () -> assertEquals(4, chunks.size()),
                () -> assertEquals(4, (int) result.getAs("chunks")),
                () -> assertTrue(chunks.stream().map(r -> r.<Integer>getAs("partition"))
                        .distinct().count() > 1, "chunks of one scene in several tasks"));
    }

    private String catalog() {
        String catalog = dir.resolve("catalog").toString();
        assertEquals(0, Main.run("catalog", "--input", SAMPLES.toString(), "--output", catalog));
        return catalog;
    }

    /** A tiny checkpoint with a 10-channel super-resolution ControlNet. */
    private String checkpoint() {
        String checkpoint = dir.resolve("checkpoint").toString();
        assertEquals(0, Main.run("make-checkpoint", "--output", checkpoint, "--controlnet",
                "superres", "--seed", "3"));
        return checkpoint;
    }

    private int superres(String catalog, String checkpoint, String runId, int samples,
            String... settings) {
        List<String> args = new java.util.ArrayList<>(List.of("superres", "--catalog", catalog,
                "--output", dir.toString(),
                "--run-id", runId, "--master", "local[2]",
                "--where", "id IN ('" + String.join("', '", IDS) + "')",
                "--set", "s3a.committer=file", "--set", "superres.model=diffusionsat",
                "--set", "superres.wald=false", "--set", "superres.windowOverlap=8",
                "--set", "model.checkpoint=" + checkpoint, "--set", "sampler.steps=2",
                "--set", "sampler.height=256", "--set", "sampler.width=256",
                "--set", "sampler.batchInvariant=false", "--set", "sampler.scheduler=dpmsolver++",
                "--set", "superres.outputType=float32",
                "--set", "superres.uncertaintySamples=" + samples));
        for (String setting : settings) {
            args.addAll(List.of("--set", setting));
        }
        return Main.run(args.toArray(String[]::new));
    }

    private static boolean inUnitRange(float[][] bands) {
        for (float[] band : bands) {
            for (float v : band) {
                if (!(v >= 0 && v <= 1)) {
                    return false;
                }
            }
        }
        return true;
    }
}
