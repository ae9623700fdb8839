package diffusionsat.job;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import diffusionsat.io.raster.GdalRasters;
import diffusionsat.io.raster.NoData;
import diffusionsat.io.raster.Radiometry;
import diffusionsat.io.raster.Raster;
import diffusionsat.io.raster.RasterDataType;
import diffusionsat.io.raster.Sentinel2Preprocessing;
import diffusionsat.io.storage.Storage;
import diffusionsat.job.cli.Main;
import diffusionsat.testing.Fixtures;
import diffusionsat.testing.TestSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code inpaint} job end to end through the launcher, on tiny generated checkpoints
 * (random weights), the bundled samples, real Spark and GDAL: 2 DDIM steps at 64 px.
 */
class InpaintIT {
    private static final Path XBD = Fixtures.projectRoot().resolve("conf/samples/xbd/geotiff");
    private static final Path S2 = Fixtures.projectRoot().resolve("conf/samples/sentinel2");
    private static final String PRE = "joplin-tornado_00000000_pre_disaster";
    private static final String POST = "joplin-tornado_00000000_post_disaster";
    private static final Storage LOCAL = Storage.local();

    @TempDir
    Path dir;

    @Test
    void xbdPairsGiveGeoreferencedPreImagesAndBadPairsFailedRows() throws IOException {
        Path input = dir.resolve("xbd");
        Files.createDirectories(input);
        Files.copy(XBD.resolve(PRE + ".tif"), input.resolve(PRE + ".tif"));
        Files.copy(XBD.resolve(POST + ".tif"), input.resolve(POST + ".tif"));
        // A pair whose post image lies on another grid, and a pre image without its post one.
        Files.copy(XBD.resolve(PRE + ".tif"), input.resolve("storm_00000001_pre_disaster.tif"));
        Raster post = GdalRasters.read(POST, XBD.resolve(POST + ".tif").toString(), LOCAL);
        GdalRasters.writeCog(crop(post, 320), input.resolve("storm_00000001_post_disaster.tif")
                .toString(), LOCAL, RasterDataType.BYTE);
        Files.copy(XBD.resolve(PRE + ".tif"), input.resolve("storm_00000002_pre_disaster.tif"));

        String checkpoint = checkpoint("xbd");
        assertEquals(1, run(catalog(input), "xbd", checkpoint, // 2 of 3 failed: exit status 1
                "--set", "inpaint.task=xbd", "--set", "inpaint.missingMetadata=unconditional"));

        Path run = dir.resolve("out/inpaint/xbd");
        Raster target = GdalRasters.read(PRE, XBD.resolve(PRE + ".tif").toString(), LOCAL);
        Raster output = GdalRasters.read(PRE, run.resolve("tiles/" + PRE + ".tif").toString(),
                LOCAL);
        Map<String, Row> results = results(run);
        List<Row> metrics = TestSpark.session().read().parquet(run.resolve("metrics").toString())
                .collectAsList();
        assertAll(
                () -> assertEquals(640, output.width()),
                () -> assertEquals(640, output.height()),
                () -> assertEquals(List.of("R", "G", "B"), output.bandNames()),
                () -> assertEquals(target.crsWkt(), output.crsWkt()),
                () -> assertArrayEquals(target.transform().toGdal(), output.transform().toGdal(),
                        1e-12),
                () -> assertEquals("ok", results.get(PRE).getAs("status")),
                () -> assertEquals("failed", results.get("storm_00000001_pre_disaster")
                        .getAs("status")),
                () -> assertTrue(error(results, "storm_00000001_pre_disaster")
                        .contains("does not match the grid of image")),
                () -> assertTrue(error(results, "storm_00000002_pre_disaster")
                        .contains("no storm_00000002_post_disaster")),
                () -> assertEquals(3, results.size()),
                () -> assertEquals(1, metrics.size(), "the output scored against the real pre"
                        + " image"));
    }

    @Test
    void cloudInFillKeepsClearPixelsExactlyAndFailsMismatchedMasks() throws IOException {
        String cloudy = "s2_l1c_13band_svn_20150731";
        String badMask = "s2_l1c_13band_svn_20150820";
        Raster image = GdalRasters.read(cloudy, S2.resolve(cloudy + ".tif").toString(), LOCAL);
        Path masks = dir.resolve("masks");
        Files.createDirectories(masks);
        // The left half of the first cloudy date is cloud; the second date's mask is too small.
        float[] half = new float[image.width() * image.height()];
        for (int i = 0; i < half.length; i++) {
            half[i] = i % image.width() < image.width() / 2 ? 1 : 0;
        }
        GdalRasters.writeCog(new Raster(image.width(), image.height(), List.of("CLM"),
                new float[][] {half}, image.transform(), image.crsWkt(), new NoData.None()),
                masks.resolve(cloudy + "_clm.tif").toString(), LOCAL, RasterDataType.BYTE);
        GdalRasters.writeCog(crop(new Raster(image.width(), image.height(), List.of("CLM"),
                new float[][] {half}, image.transform(), image.crsWkt(), new NoData.None()), 50),
                masks.resolve(badMask + "_clm.tif").toString(), LOCAL, RasterDataType.BYTE);

        String checkpoint = checkpoint("temporal");
        assertEquals(1, run(catalog(S2), "clouds", checkpoint, // 1 of 2 failed: exit status 1
                "--set", "inpaint.task=clouds",
                "--set", "inpaint.cloudMask=" + masks.resolve("{id}_clm.tif")));

        Path run = dir.resolve("out/inpaint/clouds");
        Raster output = GdalRasters.read(cloudy, run.resolve("tiles/" + cloudy + ".tif")
                .toString(), LOCAL);
        float[][] observed = new Sentinel2Preprocessing(Radiometry.REFLECTANCE).rgb(cloudy, image);
        int clearMismatches = 0;
        int cloudyChanged = 0;
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < half.length; i++) {
                boolean same = Float.floatToIntBits(observed[c][i])
                        == Float.floatToIntBits(output.bands()[c][i]);
                if (half[i] == 0 && !same) {
                    clearMismatches++;
                }
                if (half[i] == 1 && !same) {
                    cloudyChanged++;
                }
            }
        }
        Map<String, Row> results = results(run);
        int changed = cloudyChanged;
        int mismatched = clearMismatches;
        assertAll(
                () -> assertEquals(0, mismatched, "clear pixels kept exactly"),
                () -> assertTrue(changed > 0, "cloudy pixels generated"),
                () -> assertEquals(image.width(), output.width()),
                () -> assertEquals(image.height(), output.height()),
                () -> assertEquals(image.crsWkt(), output.crsWkt()),
                () -> assertArrayEquals(image.transform().toGdal(), output.transform().toGdal(),
                        1e-9),
                () -> assertEquals(Map.of(cloudy, "ok", badMask, "failed"),
                        results.values().stream().collect(Collectors.toMap(
                                r -> r.<String>getAs("id"), r -> r.<String>getAs("status")))),
                () -> assertTrue(results.get(badMask).<String>getAs("error_message")
                        .contains("cloud mask"), "the cause names the mask"));
        assertStretchInverseRestoresDigitalNumbers(run.resolve("tiles/" + cloudy + ".tif"),
                image, output, half);
    }

    /**
     * The output's DIFFUSIONSAT_STRETCH_R tag maps its clear, unclipped red pixels back to the
     * input's B04 digital numbers within one uint8 level (README "inpaint": mosaic back).
     */
    private static void assertStretchInverseRestoresDigitalNumbers(Path cog, Raster image,
            Raster output, float[] cloudMask) {
        org.gdal.gdal.Dataset dataset = org.gdal.gdal.gdal.Open(cog.toString());
        String red = dataset.GetMetadataItem("DIFFUSIONSAT_STRETCH_R");
        String radiometry = dataset.GetMetadataItem("DIFFUSIONSAT_RADIOMETRY");
        dataset.delete();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                "B04 digital numbers = (-?[0-9.]+) \\+ value x ([0-9.]+).*").matcher(red);
        assertTrue(m.matches(), red);
        double offset = Double.parseDouble(m.group(1));
        double scale = Double.parseDouble(m.group(2));
        float[] b04 = image.band("B04");
        int checked = 0;
        for (int i = 0; i < cloudMask.length; i++) {
            float v = output.bands()[0][i];
            if (cloudMask[i] == 0 && v > 0 && v < 1) {
                assertEquals(b04[i] * 10000.0, offset + v * scale, scale / 255 + 0.01, "pixel " + i);
                checked++;
            }
        }
        int count = checked;
        assertAll(() -> assertTrue(count > 100, count + " clear unclipped pixels checked"),
                () -> assertEquals("reflectance (io.radiometry)", radiometry));
    }

    private String checkpoint(String controlnet) {
        String path = dir.resolve("checkpoint-" + controlnet).toString();
        assertEquals(0, Main.run("make-checkpoint", "--output", path, "--controlnet",
                controlnet, "--seed", "5"));
        return path;
    }

    private String catalog(Path input) {
        String catalog = dir.resolve("catalog-" + input.getFileName()).toString();
        assertEquals(0, Main.run("catalog", "--input", input.toString(), "--output", catalog));
        return catalog;
    }

    private int run(String catalog, String runId, String checkpoint, String... settings) {
        List<String> args = new ArrayList<>(List.of("inpaint", "--catalog", catalog, "--output",
                dir.resolve("out").toString(), "--run-id", runId, "--master", "local[2]",
                "--set", "s3a.committer=file", "--set", "model.checkpoint=" + checkpoint,
                "--set", "sampler.steps=2", "--set", "sampler.height=64",
                "--set", "sampler.width=64"));
        args.addAll(Arrays.asList(settings));
        return Main.run(args.toArray(String[]::new));
    }

    private static Map<String, Row> results(Path run) {
        return TestSpark.session().read().parquet(run.resolve("results").toString())
                .collectAsList().stream()
                .collect(Collectors.toMap(r -> r.<String>getAs("id"), r -> r));
    }

    private static String error(Map<String, Row> results, String id) {
        return results.get(id).getAs("error_message");
    }

    /** The top-left side × side pixels of {@code raster}, same origin and pixel size. */
    private static Raster crop(Raster raster, int side) {
        float[][] bands = new float[raster.bands().length][side * side];
        for (int b = 0; b < bands.length; b++) {
            for (int y = 0; y < side; y++) {
                System.arraycopy(raster.bands()[b], y * raster.width(), bands[b], y * side, side);
            }
        }
        return new Raster(side, side, raster.bandNames(), bands, raster.transform(),
                raster.crsWkt(), raster.noData());
    }
}
