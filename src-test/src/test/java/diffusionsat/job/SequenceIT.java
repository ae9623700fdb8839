package diffusionsat.job;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code sequence} job end to end through the launcher with a tiny generated checkpoint
 * (single-image pipeline + 3D ControlNet, random weights: the plumbing is checked, not the
 * pictures): 2 DDIM steps at 32 px.
 */
class SequenceIT {
    @TempDir
    Path dir;

    @Test
    void seedThenOneImagePerDateWithBadRequestsFailingAlone() throws IOException {
        Path checkpoint = dir.resolve("tiny");
        CheckpointMaker.write(checkpoint, CheckpointPreset.TINY, ControlNetPreset.TEMPORAL, 5);
        Path requests = dir.resolve("seeds.csv");
        Files.writeString(requests, String.join("\n",
                "id,caption,lon,lat,gsd,datetime,dates,step_days,count",
                "farm,a satellite image of farmland,14.5578,45.8705,10,2015-07-11,"
                        + "2015-08-10;2015-09-09;2015-09-09T12:00:00Z,,",
                "stepped,,14.5578,45.8705,10,2015-07-11,,30,1",
                "badlat,,14.5578,100,10,2015-07-11,,30,1",
                "nodates,,14.5578,45.8705,10,2015-07-11,,,") + "\n");

        String[] args = {"sequence", "--requests", requests.toString(), "--output",
                dir.toString(), "--run-id", "s1", "--master", "local[2]",
                "--set", "s3a.committer=file", "--set", "job.maxFailedFraction=1",
                "--set", "model.checkpoint=" + checkpoint, "--set", "sampler.steps=2",
                "--set", "sampler.height=32", "--set", "sampler.width=32"};
        int exit = Main.run(args);

        Path run = dir.resolve("sequence/s1");
        Map<String, Row> results = TestSpark.session().read().parquet(run.resolve("results")
                .toString()).collectAsList().stream()
                .collect(Collectors.toMap(r -> r.getAs("id"), r -> r));
        Map<String, Row> details = TestSpark.session().read().parquet(run.resolve("sequence")
                .toString()).collectAsList().stream()
                .collect(Collectors.toMap(r -> r.getAs("id"), r -> r));
        Raster last = GdalRasters.read("farm", run.resolve("tiles/farm_20150909.tif").toString(),
                Storage.local());
        assertAll(
                () -> assertEquals(0, exit),
                () -> assertEquals(List.of("farm_20150711", "farm_20150810", "farm_20150909",
                        "stepped_20150711", "stepped_20150810", "badlat", "nodates"),
                        results.keySet().stream().sorted(this::byRequestOrder).toList()),
                () -> assertTrue(results.entrySet().stream()
                        .filter(e -> e.getKey().contains("_"))
                        .allMatch(e -> "ok".equals(e.getValue().getAs("status")))),
                () -> assertEquals(1, (int) details.get("farm_20150909")
                        .getAs("duplicates_dropped")),
                () -> assertEquals(List.of("farm_20150711", "farm_20150711", "farm_20150711"),
                        details.get("farm_20150810").getList(details.get("farm_20150810")
                                .fieldIndex("conditioning_ids")), "the seed, padded to T=3"),
                () -> assertEquals(2, (int) details.get("farm_20150810").getAs("padded_frames")),
                () -> assertEquals(List.of("farm_20150711", "farm_20150711", "farm_20150810"),
                        details.get("farm_20150909").getList(details.get("farm_20150909")
                                .fieldIndex("conditioning_ids"))),
                () -> assertEquals(2, (int) details.get("farm_20150909").getAs("step")),
                () -> assertTrue(((String) results.get("badlat").getAs("error_message"))
                        .contains("lat"), "names the field"),
                () -> assertTrue(((String) results.get("nodates").getAs("error_message"))
                        .contains("step_days")),
                () -> assertEquals(32, last.width()),
                () -> assertEquals(32, last.height()),
                () -> assertEquals(10, last.transform().pixelWidth(), 1e-9, "the request's GSD"),
                () -> assertTrue(last.crsWkt().contains("UTM zone 33N"), last.crsWkt()),
                () -> assertTrue(Files.exists(run.resolve("_SUCCESS"))));

        // A rerun keeps the finished sequences (their files untouched) and retries the failed;
        // a sequence with an image unrecorded (its record lost) is generated again.
        FileTime written = Files.getLastModifiedTime(run.resolve("tiles/farm_20150909.tif"));
        Files.delete(run.resolve("tiles/stepped_20150810.json"));
        FileTime stepped = Files.getLastModifiedTime(run.resolve("tiles/stepped_20150711.tif"));
        int again = Main.run(args);
        List<Row> rerun = TestSpark.session().read().parquet(run.resolve("results").toString())
                .collectAsList();
        assertAll(
                () -> assertEquals(0, again),
                () -> assertEquals(written,
                        Files.getLastModifiedTime(run.resolve("tiles/farm_20150909.tif"))),
                () -> assertNotEquals(stepped,
                        Files.getLastModifiedTime(run.resolve("tiles/stepped_20150711.tif")),
                        "the incomplete sequence is generated again, its seed image too"),
                () -> assertTrue(Files.exists(run.resolve("tiles/stepped_20150810.json"))),
                () -> assertEquals(7, rerun.size()),
                () -> assertEquals(5, rerun.stream()
                        .filter(r -> "ok".equals(r.getAs("status"))).count()));
    }

    private int byRequestOrder(String a, String b) {
        List<String> order = List.of("farm", "stepped", "badlat", "nodates");
        int byRequest = Integer.compare(order.indexOf(a.split("_")[0]),
                order.indexOf(b.split("_")[0]));
        return byRequest != 0 ? byRequest : a.compareTo(b);
    }
}
