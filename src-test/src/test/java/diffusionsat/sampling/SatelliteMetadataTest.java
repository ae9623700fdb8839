package diffusionsat.sampling;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import diffusionsat.testing.Fixtures;
import diffusionsat.testing.Npy;
import diffusionsat.testing.ReferenceCase;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SatelliteMetadataTest {
    /**
     * Case a stores upstream's raw values (offsets applied: lon+180, lat+90, year−1980, cloud as a
     * fraction) and metadata_normalize's float32 output; we start from catalogue values. Tolerance:
     * one float32 ulp of the value (both sides round the same double to float32).
     */
    @Test
    void matchesUpstreamMetadataNormalize() throws Exception {
        ReferenceCase c = ReferenceCase.open(Fixtures.reference().resolve("a_satunet_metadata"));
        double[] raw = c.input("raw_metadata").doubles();
        Npy expected = c.output("metadata_normalized");
        float[] reference = expected.floats();
        for (int row = 0; row < 2; row++) {
            int o = row * 7;
            float[] actual = new SatelliteMetadata(raw[o] - 180, raw[o + 1] - 90, raw[o + 2],
                    raw[o + 3] * 100, LocalDate.of((int) raw[o + 4] + 1980, (int) raw[o + 5],
                            (int) raw[o + 6])).normalized();
            for (int i = 0; i < 7; i++) {
                float want = reference[o + i];
                assertEquals(want, actual[i], Math.ulp(want), "row " + row + " field " + i);
            }
        }
    }

    @Test
    void notebookExampleUnnormalises() {
        // DIFFUSIONSAT.md §1.1 worked example: lon 153.3, lat −27.86, GSD 0.411, 2017-02-11
        float[] md = new SatelliteMetadata(153.31674, -27.862, 0.4114541, 0,
                LocalDate.of(2017, 2, 11)).normalized();
        assertAll(() -> assertEquals(925.8798, md[0], 1e-3),
                () -> assertEquals(345.2111, md[1], 1e-3),
                () -> assertEquals(411.4541, md[2], 1e-3),
                () -> assertEquals(308.3333, md[4], 1e-3),
                () -> assertEquals(166.6667, md[5], 1e-3),
                () -> assertEquals(354.8387, md[6], 1e-3));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({"lon, 180.5", "lon, NaN", "lat, -90.1", "gsd, 0", "gsd, Infinity",
        "cloud_cover, 101", "cloud_cover, -1"})
    void outOfRangeValuesNameTheirField(String field, double value) {
        double lon = field.equals("lon") ? value : 0;
        double lat = field.equals("lat") ? value : 0;
        double gsd = field.equals("gsd") ? value : 1;
        double cloud = field.equals("cloud_cover") ? value : 0;
        InvalidMetadataException e = assertThrows(InvalidMetadataException.class,
                () -> new SatelliteMetadata(lon, lat, gsd, cloud, LocalDate.of(2015, 7, 11)));
        assertEquals(field, e.field());
    }

    @Test
    void yearsBefore1980AreRefused() {
        InvalidMetadataException e = assertThrows(InvalidMetadataException.class,
                () -> new SatelliteMetadata(0, 0, 1, 0, LocalDate.of(1979, 12, 31)));
        assertEquals("datetime", e.field());
    }
}
