package diffusionsat.temporal;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import diffusionsat.io.raster.GdalRasters;
import diffusionsat.io.raster.PixelGrid;
import diffusionsat.io.raster.Radiometry;
import diffusionsat.io.raster.Raster;
import diffusionsat.io.raster.Sentinel2Preprocessing;
import diffusionsat.io.storage.Storage;
import diffusionsat.testing.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * A frame read straight at the conditioning resolution ({@link ConditioningRead}) against
 * upstream's order (the whole frame normalised to 8 bits, then resized: {@link
 * Planes#conditioning}) on a real Sentinel-2 tile: the same image to less than one 8-bit level,
 * on the frame's own grid.
 */
class ConditioningReadTest {
    private static final String TILE = Fixtures.data().resolve(
            "sentinel2/s2_l1c_13band_svn_20150711.tif").toString();

    @Test
    void readingAtTheModelsResolutionDiffersFromUpstreamsOrderByLessThanOneLevel() {
        Storage storage = Storage.local();
        Sentinel2Preprocessing rgb = new Sentinel2Preprocessing(Radiometry.REFLECTANCE);
        for (int side : new int[] {32, 64, 256}) { // shrink and enlarge
            ConditioningRead read = ConditioningRead.of("t", TILE, storage, side);
            float[][] decimated = read.conditioning(rgb.rgb("t", read.resized()), side);
            Raster whole = GdalRasters.read("t", TILE, storage);
            float[][] upstream = Planes.conditioning(rgb.rgb("t", whole), whole.width(),
                    whole.height(), side);
            double worst = 0;
            double sum = 0;
            for (int c = 0; c < 3; c++) {
                for (int i = 0; i < upstream[c].length; i++) {
                    double d = Math.abs(upstream[c][i] - decimated[c][i]);
                    worst = Math.max(worst, d);
                    sum += d;
                }
            }
            double max = worst;
            double mean = sum / (3.0 * side * side);
            assertAll("side " + side,
                    () -> assertEquals(side * side, decimated[0].length),
                    () -> assertEquals(PixelGrid.of(whole), read.grid()),
                    () -> assertTrue(max < 1 / 255.0, "max " + max * 255 + " levels"),
                    () -> assertTrue(mean < 0.5 / 255, "mean " + mean * 255 + " levels"));
        }
    }
}
