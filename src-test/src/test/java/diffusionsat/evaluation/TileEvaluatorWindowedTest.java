package diffusionsat.evaluation;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import diffusionsat.io.raster.GdalRasters;
import diffusionsat.io.raster.NoData;
import diffusionsat.io.raster.Radiometry;
import diffusionsat.io.raster.Raster;
import diffusionsat.io.raster.RasterDataType;
import diffusionsat.io.raster.Sentinel2Preprocessing;
import diffusionsat.io.storage.Storage;
import diffusionsat.superres.ImageComparison;
import diffusionsat.testing.Fixtures;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An output over {@code evaluate.windowedAbovePixels} is scored window by window: on a real
 * output (one date's RGB, with a nodata hole) against a real target (the next date's 13-band
 * tile), the same MSE, PSNR and SSIM as the whole-raster evaluation, and the metrics that need
 * the whole image are named as left out.
 */
class TileEvaluatorWindowedTest {
    private static final Path S2 = Fixtures.data().resolve("sentinel2");
    private static final Path TARGET = S2.resolve("s2_l1c_13band_svn_20150731.tif");
    private static final Path INPUT = S2.resolve("s2_l1c_13band_svn_20150711.tif");

    @TempDir
    Path dir;

    @Test
    void aLargeOutputScoresAsTheWholeRasterDoes() {
        Path output = output();
        EvaluationTile tile = new EvaluationTile("t", "bicubic", output.toString(),
                INPUT.toString(), TARGET.toString(), null, null, null, null, null, null);

        RoleMetrics whole = evaluator(EvaluationSettings.DEFAULT_WINDOWED_ABOVE_PIXELS)
                .evaluate(tile).roles().get(0);
        RoleMetrics windowed = evaluator(5_000).evaluate(tile).roles().get(0);

        assertAll(
                () -> assertNull(whole.skipped()),
                () -> assertEquals(whole.mse(), windowed.mse(), 1e-12 * whole.mse()),
                () -> assertEquals(whole.psnr(), windowed.psnr(), 1e-10),
                () -> assertEquals(whole.ssim(), windowed.ssim(), 1e-12),
                () -> assertEquals(whole.validFraction(), windowed.validFraction(), 1e-15),
                () -> assertNull(windowed.consistency()),
                () -> assertTrue(windowed.skipped().startsWith("lpips, consistency, network"
                        + " metrics: output 100x101 has more than evaluate.windowedAbovePixels"
                        + " (5000) pixels"), windowed.skipped()));
    }

    private static TileEvaluator evaluator(long windowedAbovePixels) {
        return new TileEvaluator(new EvaluationSettings(Radiometry.REFLECTANCE, false, 0.02,
                "", "", "", "", 10, new ImageComparison(0.5), windowedAbovePixels),
                Storage.local());
    }

    /** The earlier date's RGB in [0, 1] as an output COG, NaN in a block across strips. */
    private Path output() {
        Raster input = GdalRasters.read("t", INPUT.toString(), Storage.local());
        float[][] rgb = new Sentinel2Preprocessing(Radiometry.REFLECTANCE).rgb("t", input);
        for (int y = 30; y < 70; y++) {
            Arrays.fill(rgb[2], y * 100 + 50, y * 100 + 80, Float.NaN);
        }
        Path output = dir.resolve("t.tif");
        GdalRasters.writeCog(new Raster(input.width(), input.height(), List.of("R", "G", "B"),
                rgb, input.transform(), input.crsWkt(), new NoData.Value(Float.NaN)),
                output.toString(), Storage.local(), RasterDataType.FLOAT32);
        return output;
    }
}
