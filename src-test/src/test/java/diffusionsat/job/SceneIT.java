package diffusionsat.job;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import diffusionsat.io.raster.Raster;
import diffusionsat.io.raster.RasterReader;
import diffusionsat.io.raster.RasterWindow;
import diffusionsat.io.storage.Storage;
import diffusionsat.testing.Fixtures;
import diffusionsat.testing.SceneRasters;
import diffusionsat.testing.TestCatalog;
import diffusionsat.testing.TestSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole scene read window by window: a 2000 × 2020 × 13 mosaic of the real bundled tile (210
 * MB of float32 bands, 1.25 GB held whole as the jobs read rasters before), super-resolved by
 * bicubic at scale 2 in a forked JVM with a 1 GiB heap, cut into 2 × 2 chunks. Beside it in the
 * same run: a 400 × 400 crop of the scene across the chunk borders, processed as a tile of its
 * own, and a header declaring 100,000 × 100,000 px. (Scale 2 keeps the run cheap: the output,
 * 4000 × 4040 × 3 float32, is streamed the same way at any scale.)
 */
class SceneIT {
    private static final RasterWindow CROP = new RasterWindow(800, 820, 400, 400);
    private static final int SCALE = 2;

    @TempDir
    Path dir;

    @Test
    void aSceneInAOneGigabyteHeapIsChunkedAssembledAndMatchesItsCrop() throws Exception {
        Path scene = SceneRasters.mosaic(dir.resolve("scene.tif"), 20, 20);
        Path crop = SceneRasters.crop(scene, CROP, dir.resolve("crop.tif"));
        Path huge = SceneRasters.declaring(dir.resolve("huge.tif"), 100_000, 100_000);
        String catalog = TestCatalog.write(List.of(row("scene", scene), row("crop", crop),
                row("huge", huge)), dir.resolve("catalog"));

        Process job = forkedSuperres(catalog, dir.resolve("out"), dir.resolve("job.log"));
        int exit = job.waitFor();
        assertEquals(0, exit, tail(dir.resolve("job.log")));

        Path run = dir.resolve("out/superres/big");
        Map<String, Row> results = TestSpark.session().read()
                .parquet(run.resolve("results").toString()).collectAsList().stream()
                .collect(Collectors.toMap(r -> r.getAs("id"), r -> r));
        Storage storage = Storage.local();
        try (RasterReader input = RasterReader.open("scene", scene.toString(), storage);
                RasterReader output = RasterReader.open("scene",
                        run.resolve("tiles/scene.tif").toString(), storage);
                RasterReader cropOutput = RasterReader.open("crop",
                        run.resolve("tiles/crop.tif").toString(), storage)) {
            RasterWindow footprint = CROP.scaled(SCALE);
            Raster sceneRgb = output.read(footprint, List.of("R", "G", "B"));
            Raster cropRgb = cropOutput.readAll();
            assertAll(
                    () -> assertEquals("ok", results.get("scene").getAs("status")),
                    () -> assertEquals(4, (int) results.get("scene").getAs("chunks")),
                    () -> assertEquals("ok", results.get("crop").getAs("status")),
                    () -> assertEquals("failed", results.get("huge").getAs("status")),
                    () -> assertTrue(results.get("huge").<String>getAs("error_message")
                            .contains("100000 x 100000"), results.get("huge").toString()),
                    () -> assertEquals(2000 * SCALE, output.header().width()),
                    () -> assertEquals(2020 * SCALE, output.header().height()),
                    () -> assertEquals(input.header().crsWkt(), output.header().crsWkt()),
                    () -> assertArrayEquals(input.header().transform().scaled(SCALE).toGdal(),
                            output.header().transform().toGdal(), 1e-9),
                    () -> assertTrue(maxDifferenceAwayFromEdges(sceneRgb, cropRgb, 16) < 1e-5,
                            "the scene's output equals the crop's inside its footprint"),
                    () -> assertTrue(Files.notExists(run.resolve("_chunks/scene")),
                            "the parts are removed once assembled"));
        }
    }

    /** The superres job in a JVM of its own with a 1 GiB heap, as a user would launch it. */
    private static Process forkedSuperres(String catalog, Path output, Path log)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "@" + Fixtures.projectRoot().resolve("conf/jvm.options"),
                "-Djava.library.path=" + System.getProperty("java.library.path"),
                "-Dai.djl.pytorch.num_threads=1",
                "-cp", System.getProperty("java.class.path"),
                "diffusionsat.job.cli.Main", "superres", "--catalog", catalog,
                "--output", output.toString(), "--run-id", "big", "--master", "local[2]",
                "--set", "s3a.committer=file", "--set", "superres.requireMetadata=false",
                "--set", "superres.wald=false", "--set", "superres.chunkSize=1024",
                "--set", "superres.scale=" + SCALE,
                "--set", "job.tilesPerPartition=1", "--set", "job.maxFailedFraction=0.5"));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                .start();
    }

    private static Row row(String id, Path href) {
        return TestCatalog.tile(id, href, null, null, List.of(), null, 14.56, 45.87, 10.0, null);
    }

    /** Largest |a - b| over pixels at least {@code border} px inside the crop's edges. */
    private static double maxDifferenceAwayFromEdges(Raster a, Raster b, int border) {
        double max = 0;
        for (int c = 0; c < 3; c++) {
            for (int y = border; y < a.height() - border; y++) {
                for (int x = border; x < a.width() - border; x++) {
                    int i = y * a.width() + x;
                    max = Math.max(max, Math.abs(a.bands()[c][i] - b.bands()[c][i]));
                }
            }
        }
        return max;
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }
}
