package diffusionsat.io.raster;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RasterTest {
    private static final GeoTransform GRID = new GeoTransform(0, 1, 0, 0, 0, -1);

    static Stream<Arguments> noDataKinds() {
        return Stream.of(
                Arguments.of(new NoData.None(), new boolean[] {false, false, true, false}),
                Arguments.of(new NoData.Value(0), new boolean[] {true, false, true, false}),
                Arguments.of(new NoData.Value(Double.NaN), new boolean[] {false, false, true,
                    false}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("noDataKinds")
    void missingPixelsFollowTheNodataRuleAndNan(NoData noData, boolean[] expected) {
        // Band 1 has a 0 at pixel 0; band 2 a NaN at pixel 2: a pixel is missing in any band.
        Raster raster = new Raster(2, 2, List.of("a", "b"),
                new float[][] {{0f, 1f, 2f, 3f}, {5f, 6f, Float.NaN, 8f}}, GRID, "", noData);

        assertArrayEquals(expected, raster.missingMask());
    }

    @Test
    void coverageBeyondTheLimitIsATileFailure() {
        Raster raster = new Raster(2, 2, List.of("a"), new float[][] {{0f, 0f, 0f, 1f}}, GRID, "",
                new NoData.Value(0));

        NoDataCoverageException e = assertThrows(NoDataCoverageException.class,
                () -> raster.requireCoverage("t1", 0.5));

        assertAll(
                () -> assertEquals(0.75, raster.missingFraction()),
                () -> assertSame(raster, raster.requireCoverage("t1", 0.75)),
                () -> assertEquals("t1", e.tileId()),
                () -> assertTrue(e.getMessage().contains("75.0%"), e.getMessage()));
    }

    @Test
    void inconsistentShapesAreRejected() {
        assertAll(
                () -> assertThrows(IllegalArgumentException.class, () -> new Raster(2, 2,
                        List.of("a", "b"), new float[][] {{0, 0, 0, 0}}, GRID, "",
                        new NoData.None())),
                () -> assertThrows(IllegalArgumentException.class, () -> new Raster(2, 2,
                        List.of("a"), new float[][] {{0, 0, 0}}, GRID, "", new NoData.None())));
    }
}
