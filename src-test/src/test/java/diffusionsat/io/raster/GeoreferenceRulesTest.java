package diffusionsat.io.raster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import diffusionsat.io.TileException;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The georeference rules of README "Georeference" (issue 13). */
class GeoreferenceRulesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "north-up 10 m|500000, 10, 0, 5000000, 0, -10|",
        "south-up|500000, 10, 0, 5000000, 0, 10|",
        "rotated 30 degrees, square|0, 8.660254037844387, 5, 0, 5, -8.660254037844387|",
        "GDAL's default: none|0, 1, 0, 0, 0, 1|no geotransform",
        "zero-size pixels|0, 0, 0, 0, 0, -10|zero-size",
        "infinite|0, Infinity, 0, 0, 0, -10|non-finite",
        "sheared|0, 10, 3, 0, 0, -10|sheared",
        "non-square 10 x 20|0, 10, 0, 0, 0, -20|non-square",
        "half resolution of 100 x 101 px: edges 1 % apart|0, 19.99, 0, 0, 0, -20.19|"})
    void rule(String name, String coefficients, String problem) {
        String[] parts = coefficients.split(",");
        double[] gt = new double[6];
        for (int i = 0; i < 6; i++) {
            gt[i] = Double.parseDouble(parts[i].trim());
        }
        Optional<String> found = GeoreferenceRules.problem(GeoTransform.fromGdal(gt));
        if (problem == null) {
            assertEquals(Optional.empty(), found);
        } else {
            assertTrue(found.isPresent() && found.get().contains(problem), found.toString());
        }
    }

    @Test
    void temporalAndInpaintAcceptNoGeotransformButNoBrokenOne() {
        GeoreferenceRules.requireUsableOrAbsent("chip", "chip.png",
                new GeoTransform(0, 1, 0, 0, 0, 1));
        TileException e = assertThrows(TileException.class, () -> GeoreferenceRules
                .requireUsableOrAbsent("t", "t.tif", new GeoTransform(0, 10, 0, 0, 0, -20)));
        assertTrue(e.getMessage().startsWith("tile t: t.tif has non-square pixels"),
                e.getMessage());
    }
}
