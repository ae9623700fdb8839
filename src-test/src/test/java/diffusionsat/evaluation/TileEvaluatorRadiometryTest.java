package diffusionsat.evaluation;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import diffusionsat.io.TileException;
import diffusionsat.io.raster.GdalRasters;
import diffusionsat.io.raster.Radiometry;
import diffusionsat.io.raster.Raster;
import diffusionsat.io.raster.RasterDataType;
import diffusionsat.io.storage.Storage;
import diffusionsat.superres.ImageComparison;
import diffusionsat.testing.Fixtures;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** evaluate reads each input with its catalogue row's radiometry, io.radiometry else (issue 11). */
class TileEvaluatorRadiometryTest {
    private static final String ID = "s2_l1c_13band_svn_20150711";
    private static final Path SAMPLE = Fixtures.projectRoot()
            .resolve("conf/samples/sentinel2/" + ID + ".tif");

    @TempDir
    Path dir;

    private final TileEvaluator evaluator = new TileEvaluator(new EvaluationSettings(
            Radiometry.REFLECTANCE, false, 0.02, "", "", "", "", 10,
            new ImageComparison(ImageComparison.DEFAULT_MIN_VALID_FRACTION)), Storage.local());

    @Test
    void aDigitalNumberTileWithItsRowsRadiometryReadsLikeTheReflectanceTile() {
        Raster reflectance = GdalRasters.read(ID, SAMPLE.toString(), Storage.local());
        float[][] counts = new float[reflectance.bandCount()][];
        for (int b = 0; b < counts.length; b++) {
            counts[b] = reflectance.bands()[b].clone();
            for (int i = 0; i < counts[b].length; i++) {
                counts[b][i] *= 10000;
            }
        }
        Path dn = dir.resolve("dn.tif");
        GdalRasters.writeCog(new Raster(reflectance.width(), reflectance.height(),
                reflectance.bandNames(), counts, reflectance.transform(), reflectance.crsWkt(),
                reflectance.noData()), dn.toString(), Storage.local(), RasterDataType.FLOAT32);

        RgbImage expected = evaluator.readInput(tile(SAMPLE, null));
        RgbImage read = evaluator.readInput(tile(dn, "digital-numbers"));
        TileException wrong = assertThrows(TileException.class,
                () -> evaluator.readInput(tile(dn, null)));
        assertAll(
                () -> {
                    for (int c = 0; c < 3; c++) {
                        assertArrayEquals(expected.planes()[c], read.planes()[c], 1e-6f);
                    }
                },
                () -> assertTrue(wrong.getMessage().contains("(io.radiometry) give a reflectance"
                        + " above 2"), wrong.getMessage()));
    }

    @Test
    void aRowsRadiometryThatDoesNotFitItsValuesFailsTheTileNamingTheColumn() {
        TileException e = assertThrows(TileException.class,
                () -> evaluator.readInput(tile(SAMPLE, "digital-numbers")));
        assertTrue(e.getMessage().contains("values read as digital-numbers (the catalogue's"
                + " radiometry column) are all below 1"), e.getMessage());
    }

    private static EvaluationTile tile(Path input, String radiometry) {
        return new EvaluationTile(ID, "bicubic", null, input.toString(), null, null, null, null,
                null, radiometry, null);
    }
}
