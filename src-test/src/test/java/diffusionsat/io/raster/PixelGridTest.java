package diffusionsat.io.raster;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PixelGridTest {
    private static final String UTM_33N = "PROJCS[\"WGS 84 / UTM zone 33N\"]";
    private static final String UTM_34N = "PROJCS[\"WGS 84 / UTM zone 34N\"]";
    /** 100 × 100 pixels of 10 m, north up: the extent is [500000, 501000] × [4999000, 5000000]. */
    private static final PixelGrid GRID = grid(100, 100, 500_000, 5_000_000, 10, UTM_33N);

    private static PixelGrid grid(int width, int height, double originX, double originY,
            double pixel, String crs) {
        return new PixelGrid(width, height,
                new GeoTransform(originX, pixel, 0, originY, 0, -pixel), crs);
    }

    /**
     * Each case: the other grid, whether it lies pixel for pixel on {@link #GRID} (what a cloud
     * mask or an xBD pair needs), and whether it covers its extent (what a temporal frame needs,
     * resampled when its size differs).
     */
    static Stream<Arguments> grids() {
        return Stream.of(
                Arguments.of("same grid", GRID, true, true),
                Arguments.of("origin off by float rounding (1e-4 px)",
                        grid(100, 100, 500_000.001, 5_000_000, 10, UTM_33N), true, true),
                Arguments.of("origin shifted by 0.25 px",
                        grid(100, 100, 500_002.5, 5_000_000, 10, UTM_33N), false, true),
                Arguments.of("origin shifted by 1 px",
                        grid(100, 100, 500_010, 5_000_000, 10, UTM_33N), false, false),
                Arguments.of("other CRS, same numbers",
                        grid(100, 100, 500_000, 5_000_000, 10, UTM_34N), false, false),
                Arguments.of("20 m pixels over the same extent",
                        grid(50, 50, 500_000, 5_000_000, 20, UTM_33N), false, true),
                Arguments.of("20 m pixels over twice the extent",
                        grid(100, 100, 500_000, 5_000_000, 20, UTM_33N), false, false),
                Arguments.of("10 m pixels over half the extent",
                        grid(50, 50, 500_000, 5_000_000, 10, UTM_33N), false, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("grids")
    void gridsAreComparedByEachJobsRule(String name, PixelGrid other, boolean sameGrid,
            boolean sameExtent) {
        assertAll(
                () -> assertEquals(sameGrid, GRID.sameGrid(other), "sameGrid"),
                () -> assertEquals(sameExtent, GRID.sameExtent(other), "sameExtent"),
                () -> assertEquals(sameGrid, throwsNothing(
                        () -> GRID.requireSameGrid("t1", "mask", other, "image t1")),
                        "requireSameGrid"),
                () -> assertEquals(sameExtent, throwsNothing(
                        () -> GRID.requireCoveredBy("t1", "frame f2", other, "frame f1")),
                        "requireCoveredBy"));
    }

    @Test
    void refusalsNameTheTileBothRastersAndBothGrids() {
        PixelGrid shifted = grid(100, 100, 500_010, 5_000_000, 10, UTM_33N);
        PixelGrid otherCrs = grid(50, 50, 500_000, 5_000_000, 20, UTM_34N);

        GridMismatchException notOnGrid = assertThrows(GridMismatchException.class,
                () -> GRID.requireSameGrid("t1", "cloud mask m.tif", shifted, "image t1"));
        GridMismatchException notCovering = assertThrows(GridMismatchException.class,
                () -> GRID.requireCoveredBy("r7", "frame f2", otherCrs, "frame f1"));

        assertAll(
                () -> assertEquals("t1", notOnGrid.tileId()),
                () -> assertEquals("tile t1: cloud mask m.tif (100x100 px, origin (500010.000000,"
                        + " 5000000.000000), pixel 10.0000 x 10.0000) does not match the grid of"
                        + " image t1 (100x100 px, origin (500000.000000, 5000000.000000), pixel"
                        + " 10.0000 x 10.0000)", notOnGrid.getMessage()),
                () -> assertEquals("r7", notCovering.tileId()),
                () -> assertEquals("tile r7: frame f2 (50x50 px, origin (500000.000000,"
                        + " 5000000.000000), pixel 20.0000 x 20.0000) does not cover the grid of"
                        + " frame f1 (100x100 px, origin (500000.000000, 5000000.000000), pixel"
                        + " 10.0000 x 10.0000); the CRSs differ", notCovering.getMessage()));
    }

    @Test
    void aResizedGridCoversTheSameExtentWithScaledPixels() {
        PixelGrid rotated = new PixelGrid(100, 50,
                new GeoTransform(500_000, 10, 2, 5_000_000, 1, -10), UTM_33N);

        PixelGrid resized = rotated.resized(25, 200);

        assertAll(
                () -> assertEquals(25, resized.width()),
                () -> assertEquals(200, resized.height()),
                () -> assertEquals(UTM_33N, resized.crsWkt()),
                // x scales by 100/25 = 4, y by 50/200 = 0.25; the origin stays.
                () -> assertArrayEquals(new double[] {500_000, 40, 0.5, 5_000_000, 4, -2.5},
                        resized.transform().toGdal(), 1e-9),
                () -> assertTrue(rotated.sameExtent(resized)),
                () -> assertFalse(rotated.sameSize(resized)));
    }

    @Test
    void aRastersGridIsItsSizeTransformAndCrs() {
        Raster raster = new Raster(2, 3, List.of("a"), new float[][] {new float[6]},
                GRID.transform(), UTM_33N, new NoData.None());

        assertEquals(new PixelGrid(2, 3, GRID.transform(), UTM_33N), PixelGrid.of(raster));
    }

    private static boolean throwsNothing(Runnable check) {
        try {
            check.run();
            return true;
        } catch (GridMismatchException e) {
            return false;
        }
    }
}
