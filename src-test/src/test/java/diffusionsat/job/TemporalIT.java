package diffusionsat.job;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import diffusionsat.io.raster.GdalRasters;
import diffusionsat.io.raster.Raster;
import diffusionsat.io.storage.Storage;
import diffusionsat.job.cli.Main;
import diffusionsat.sampling.CheckpointMaker;
import diffusionsat.sampling.CheckpointPreset;
import diffusionsat.sampling.ControlNetPreset;
import diffusionsat.testing.TestSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code temporal} job end to end through the launcher with the nearest-frame baseline: real
 * Spark, real GDAL, the bundled Sentinel-2 time series plus awkward frames.
 */
class TemporalIT {
    @TempDir
    Path dir;

    @Test
    void requestsAreWrittenOnTheSequenceGridAndBadOnesFailAlone() throws IOException {
        Path input = dir.resolve("input");
        TemporalSamples.copySamples(input);
        TemporalSamples.duplicate(input, "20150830", "copy_of_20150830");
        TemporalSamples.halfResolution(input, "half_20150920");
        TemporalSamples.cropped(input, "crop_20151010");
        String sequence = TemporalSamples.catalogue(input, dir.resolve("catalog"));
        Path requests = dir.resolve("requests.csv");
        Files.writeString(requests, String.join("\n",
                "id,sequence_id,datetime,caption",
                "gap,SEQ,2015-08-10,a satellite image of farmland",
                ",SEQ,2015-09-19T10:00:00Z,",
                "cropped,SEQ,2015-10-12,",
                "nowhere,no-such-sequence,2015-08-10,",
                "baddate,SEQ,not-a-date,").replace("SEQ", sequence) + "\n");

        int exit = Main.run("temporal", "--catalog", dir.resolve("catalog").toString(),
                "--output", dir.toString(), "--run-id", "r1", "--requests", requests.toString(),
                "--master", "local[2]", "--set", "s3a.committer=file",
                "--set", "job.maxFailedFraction=1", "--set", "sampler.height=64",
                "--set", "sampler.width=64");

        Path run = dir.resolve("temporal/r1");
        Map<String, Row> results = byId(run.resolve("results"));
        Map<String, Row> conditioning = byId(run.resolve("conditioning"));
        String derivedId = sequence + "_20150919";
        Raster gap = read(run, "gap");
        Raster nearest = TemporalSamples.read("20150731"); // tie 07-31 / 08-20: the earlier
        Raster half = read(run, derivedId);
        assertAll(
                () -> assertEquals(0, exit),
                () -> assertEquals("ok", results.get("gap").getAs("status")),
                () -> assertEquals(List.of(TemporalSamples.id("20150731"),
                        TemporalSamples.id("20150820"), "copy_of_20150830"),
                        conditioning.get("gap").getList(conditioning.get("gap")
                                .fieldIndex("conditioning_ids")),
                        "3 nearest, one of the same-day pair (smallest id)"),
                () -> assertEquals(1, (int) conditioning.get("gap").getAs("duplicates_dropped")),
                () -> assertEquals(0, (int) conditioning.get("gap").getAs("padded_frames")),
                () -> assertEquals("between", conditioning.get("gap").getAs("split")),
                () -> assertEquals(nearest.width(), gap.width()),
                () -> assertEquals(nearest.height(), gap.height()),
                () -> assertEquals(List.of("R", "G", "B"), gap.bandNames()),
                () -> assertEquals(nearest.crsWkt(), gap.crsWkt()),
                () -> assertArrayEquals(nearest.transform().toGdal(), gap.transform().toGdal(),
                        1e-9),
                () -> assertEquals("ok", results.get(derivedId).getAs("status"),
                        "an id derived from sequence and date"),
                () -> assertEquals(50, half.width(), "the half-resolution frame is the grid"),
                () -> assertEquals(2, (int) conditioning.get(derivedId)
                        .getAs("resampled_frames")),
                () -> assertFailed(results, "cropped", "does not cover the grid"),
                () -> assertFailed(results, "nowhere", "not in the catalogue"),
                () -> assertFailed(results, "baddate", "not an ISO date"),
                () -> assertTrue(Files.exists(run.resolve("_SUCCESS"))));
    }

    @Test
    void evaluationPredictsEachKnownFrameAndSplitsPastAndFuture() throws IOException {
        Path input = dir.resolve("input");
        TemporalSamples.copySamples(input);
        TemporalSamples.scan(input, dir.resolve("catalog"));

        int exit = Main.run("temporal", "--catalog", dir.resolve("catalog").toString(),
                "--output", dir.toString(), "--run-id", "eval", "--master", "local[2]",
                "--set", "s3a.committer=file", "--set", "temporal.mode=evaluate",
                "--set", "temporal.outputGrid=model", "--set", "sampler.height=64",
                "--set", "sampler.width=64");

        Path run = dir.resolve("temporal/eval");
        Map<String, Row> results = byId(run.resolve("results"));
        Map<String, Row> conditioning = byId(run.resolve("conditioning"));
        Map<String, Row> metrics = byId(run.resolve("metrics"));
        List<Row> summary = TestSpark.session().read().parquet(run.resolve("summary/parquet")
                .toString()).collectAsList();
        String first = TemporalSamples.id("20150711");
        String second = TemporalSamples.id("20150731");
        Raster output = read(run, second + "-after");
        Raster truth = TemporalSamples.read("20150731");
        assertAll(
                () -> assertEquals(0, exit),
                () -> assertEquals(10, results.size(), "5 frames x 2 rules"),
                () -> assertEquals(8, results.values().stream()
                        .filter(r -> "ok".equals(r.getAs("status"))).count()),
                () -> assertEquals("skipped", results.get(first + "-before").getAs("status"),
                        "nothing before the first date"),
                () -> assertEquals("skipped", results.get(TemporalSamples.id("20150909")
                        + "-after").getAs("status"), "nothing after the last date"),
                () -> assertEquals(2, (int) conditioning.get(second + "-before")
                        .getAs("padded_frames"), "one frame before: padded to T=3"),
                () -> assertEquals("future", metrics.get(second + "-before").getAs("reference")),
                () -> assertEquals("past", metrics.get(second + "-after").getAs("reference")),
                () -> assertTrue(metrics.values().stream()
                        .allMatch(r -> (double) r.getAs("ssim") > 0
                                && (boolean) r.getAs("reference_resampled"))),
                () -> assertEquals(Map.of("future", 4L, "past", 4L), summary.stream().collect(
                        Collectors.toMap(r -> r.getAs("reference"), r -> r.getAs("tiles")))),
                () -> assertEquals(64, output.width(), "model grid: the baseline's side"),
                () -> assertArrayEquals(truth.transform().toGdal(),
                        new double[] {output.transform().originX(),
                            output.transform().pixelWidth() * 64 / truth.width(), 0,
                            output.transform().originY(), 0,
                            output.transform().pixelHeight() * 64 / truth.height()}, 1e-9));


        // evaluate scores each prediction against the real frame of its date (issue 16,
        // finding 7); the job's skipped splits are counted as skipped.
        assertEquals(0, Main.run("evaluate", "--catalog", dir.resolve("catalog").toString(),
                "--results", run.toString(), "--output", dir.toString(), "--run-id", "te",
                "--master", "local[2]", "--set", "s3a.committer=file"));
        List<Row> scored = TestSpark.session().read().parquet(dir.resolve("evaluate/te/metrics")
                .toString()).filter("role = 'model'").collectAsList();
        String evaluation = Files.readString(dir.resolve("evaluate/te/summary/summary.md"));
        assertAll(
                () -> assertEquals(8, scored.size()),
                () -> assertTrue(scored.stream().allMatch(r -> "ok".equals(r.getAs("status"))
                        && r.getAs("psnr") != null), "every prediction has its real frame"),
                () -> assertTrue(evaluation.contains("(10 tiles, 0 failed in the job, 2"
                        + " skipped)"), evaluation));
    }

    /**
     * The 3D ControlNet pipeline of a tiny generated checkpoint (random weights: the images are
     * noise-like; what is checked is the plumbing): 2 DDIM steps at 32 px, T = 3.
     */
    @Test
    void diffusionSatModelPredictsWithTheTinyTemporalCheckpoint() throws IOException {
        Path input = dir.resolve("input");
        TemporalSamples.copySamples(input);
        TemporalSamples.scan(input, dir.resolve("catalog"));
        Path checkpoint = dir.resolve("tiny");
        CheckpointMaker.write(checkpoint, CheckpointPreset.TINY, ControlNetPreset.TEMPORAL, 3);
        Path requests = dir.resolve("requests.parquet");
        String sequence = TestSpark.session().read().parquet(dir.resolve("catalog").toString())
                .select("sequence_id").first().getString(0);
        TestSpark.session().createDataFrame(List.of(
                RowFactory.create("gap", sequence, Timestamp.valueOf("2015-08-10 10:00:00"),
                        "a satellite image"),
                RowFactory.create("late", sequence, Timestamp.valueOf("2015-10-01 10:00:00"),
                        null)), new StructType()
                .add("id", DataTypes.StringType).add("sequence_id", DataTypes.StringType)
                .add("datetime", DataTypes.TimestampType).add("caption", DataTypes.StringType))
                .write().parquet(requests.toString());

        int exit = Main.run("temporal", "--catalog", dir.resolve("catalog").toString(),
                "--output", dir.toString(), "--run-id", "dsat", "--requests",
                requests.toString(), "--master", "local[2]", "--set", "s3a.committer=file",
                "--set", "temporal.model=diffusionsat", "--set",
                "model.checkpoint=" + checkpoint, "--set", "sampler.steps=2",
                "--set", "sampler.height=32", "--set", "sampler.width=32",
                "--set", "temporal.frameSelection=before");

        Path run = dir.resolve("temporal/dsat");
        Map<String, Row> results = byId(run.resolve("results"));
        Map<String, Row> conditioning = byId(run.resolve("conditioning"));
        Raster gap = read(run, "gap");
        Raster grid = TemporalSamples.read("20150731");
        assertAll(
                () -> assertEquals(0, exit),
                () -> assertEquals("ok", results.get("gap").getAs("status")),
                () -> assertEquals(2, (int) results.get("gap").getAs("steps")),
                () -> assertTrue(((String) results.get("gap").getAs("model"))
                        .startsWith("diffusionsat-temporal:")),
                () -> assertEquals(1, (int) conditioning.get("gap").getAs("padded_frames"),
                        "before 2015-08-10: 07-11 and 07-31, padded to 3"),
                () -> assertEquals("future", conditioning.get("late").getAs("split")),
                () -> assertEquals(grid.width(), gap.width()),
                () -> assertEquals(grid.height(), gap.height()),
                () -> assertArrayEquals(grid.transform().toGdal(), gap.transform().toGdal(),
                        1e-9),
                () -> assertTrue(inUnitRange(gap), "RGB in [0, 1]"));
    }

    private static boolean inUnitRange(Raster raster) {
        for (float[] band : raster.bands()) {
            for (float v : band) {
                if (!(v >= 0 && v <= 1)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static void assertFailed(Map<String, Row> results, String id, String cause) {
        Row row = results.get(id);
        assertEquals("failed", row.getAs("status"), id);
        String message = row.getAs("error_message");
        assertTrue(message.contains(cause) && message.contains(id), message);
        assertNull(row.getAs("href"));
    }

    private static Raster read(Path run, String id) {
        return GdalRasters.read(id, run.resolve("tiles/" + id + ".tif").toString(),
                Storage.local());
    }

    private static Map<String, Row> byId(Path table) {
        return TestSpark.session().read().parquet(table.toString()).collectAsList().stream()
                .collect(Collectors.toMap(r -> r.getAs("id"), r -> r));
    }
}
