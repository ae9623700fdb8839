package diffusionsat.io.raster;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import diffusionsat.io.TileException;
import diffusionsat.io.storage.Storage;
import diffusionsat.testing.Fixtures;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Sentinel2PreprocessingTest {
    private static final String S2_20150711 =
            Fixtures.data().resolve("sentinel2/s2_l1c_13band_svn_20150711.tif").toString();
    // Upstream's 13-band order, spelled as some files spell it (B1 rather than B01).
    private static final List<String> UPSTREAM_ORDER = List.of("B1", "B2", "B3", "B4", "B5",
            "B6", "B7", "B8", "B8A", "B9", "B10", "B11", "B12");

    /**
     * Expected uint8 values of the 10 channels (B4, B3, B2, B5, B6, B7, B8, B8A, B11, B12) at
     * three pixels of the 2015-07-11 scene. Computed outside this code base: pixel values from
     * {@code gdallocationinfo -valonly}, then numpy with upstream's SentinelNormalize (float64
     * table, clip, astype(uint8)), SentinelFlipBGR and SentinelDropBands([0, 9, 10]); reflectance
     * × 10000 to digital numbers. None of the scaled values lies within 0.01 of an integer.
     */
    @ParameterizedTest(name = "pixel ({0}, {1})")
    @CsvSource({
        "0, 0, 74 79 79 88 166 183 161 181 100 82",
        "10, 20, 74 79 79 83 132 145 142 146 81 73",
        "57, 83, 82 91 88 107 176 186 185 194 132 101"
    })
    void realScenePixelsMatchUpstreamNormalisation(int column, int row, String uint8) {
        Raster scene = GdalRasters.read("svn", S2_20150711, Storage.local());

        float[][] channels = new Sentinel2Preprocessing(Radiometry.REFLECTANCE)
                .controlNetChannels("svn", scene);

        String[] expected = uint8.split(" ");
        float[] actual = new float[10];
        float[] wanted = new float[10];
        for (int c = 0; c < 10; c++) {
            actual[c] = channels[c][row * scene.width() + column];
            wanted[c] = Integer.parseInt(expected[c]) / 255f;
        }
        assertArrayEquals(wanted, actual, 0f); // uint8 / 255 in float32: exact
    }

    @Test
    void theThreeRadiometriesGiveTheSameChannels() {
        // B04 of pixel (0, 0): reflectance 0.0331 = 331 DN = 1331 DN with the baseline-04.00
        // offset. By hand: (331 − (1136.26026392 − 2·965.23119807)) / (4·965.23119807) × 255
        // = 1125.20213222 / 3860.92479228 × 255 = 74.315 → uint8 74 → 74 / 255.
        float expected = 74 / 255f;
        assertAll(
                () -> assertEquals(expected, new Sentinel2Preprocessing(
                        Radiometry.REFLECTANCE).normalise("B04", 0.0331f)),
                () -> assertEquals(expected, new Sentinel2Preprocessing(
                        Radiometry.DIGITAL_NUMBERS).normalise("B04", 331f)),
                () -> assertEquals(expected, new Sentinel2Preprocessing(
                        Radiometry.DIGITAL_NUMBERS_OFFSET_1000).normalise("B04", 1331f)));
    }

    @Test
    void valuesClipToZeroAndOneAndNanBecomesZero() {
        Sentinel2Preprocessing dn = new Sentinel2Preprocessing(Radiometry.DIGITAL_NUMBERS);
        // B02: μ − 2σ = −116.19 DN and μ + 2σ = 2484.95 DN bound the 0..255 range.
        assertAll(
                () -> assertEquals(0f, dn.normalise("B02", -500f)),
                () -> assertEquals(1f, dn.normalise("B02", 2485f)),
                () -> assertEquals(254 / 255f, dn.normalise("B02", 2484f)),
                () -> assertEquals(0f, dn.normalise("B02", Float.NaN)));
    }

    @Test
    void channelsFollowTheControlNetOrderWhateverTheFileOrder() {
        // Every band holds its own upstream index in digital numbers, so each output channel
        // shows which band it came from; the file lists the bands in reverse order.
        List<String> names = new ArrayList<>(UPSTREAM_ORDER);
        Collections.reverse(names);
        float[][] bands = new float[13][];
        for (int b = 0; b < 13; b++) {
            bands[b] = new float[] {1000f + 100f * UPSTREAM_ORDER.indexOf(names.get(b))};
        }
        Raster raster = new Raster(1, 1, names, bands, new GeoTransform(0, 10, 0, 0, 0, -10), "",
                new NoData.None());
        Sentinel2Preprocessing prep = new Sentinel2Preprocessing(Radiometry.DIGITAL_NUMBERS);

        float[][] channels = prep.controlNetChannels("synthetic", raster);

        List<String> canonical = List.of("B04", "B03", "B02", "B05", "B06", "B07", "B08", "B8A",
                "B11", "B12");
        int[] upstreamIndex = {3, 2, 1, 4, 5, 6, 7, 8, 11, 12};
        for (int c = 0; c < 10; c++) {
            float expected = prep.normalise(canonical.get(c), 1000f + 100f * upstreamIndex[c]);
            assertEquals(expected, channels[c][0], "channel " + c + " " + canonical.get(c));
        }
        assertEquals(canonical, Sentinel2Preprocessing.CONTROLNET_BANDS);
    }

    @Test
    void missingBandsAreNamedInTheTileException() {
        List<String> names = List.of("B02", "B03", "B04", "B05", "B06", "B07", "B08", "B8A");
        float[][] bands = new float[names.size()][1];
        Raster raster = new Raster(1, 1, names, bands, new GeoTransform(0, 1, 0, 0, 0, -1), "",
                new NoData.None());

        TileException e = assertThrows(TileException.class,
                () -> new Sentinel2Preprocessing(Radiometry.REFLECTANCE)
                        .controlNetChannels("t-42", raster));

        assertAll(
                () -> assertEquals("t-42", e.tileId()),
                () -> assertTrue(e.getMessage().contains("[B11, B12]"), e.getMessage()));
    }

    @Test
    void rgbComesFromB04B03B02OrFromAnRgbFile() {
        Raster scene = GdalRasters.read("svn", S2_20150711, Storage.local());
        Sentinel2Preprocessing prep = new Sentinel2Preprocessing(Radiometry.REFLECTANCE);
        float[][] channels = prep.controlNetChannels("svn", scene);
        Raster rgbFile = new Raster(2, 1, List.of("R", "G", "B"),
                new float[][] {{0f, 255f}, {51f, 102f}, {255f, 0f}},
                new GeoTransform(0, 1, 0, 0, 0, -1), "", new NoData.None());

        float[][] sentinelRgb = prep.rgb("svn", scene);
        float[][] fileRgb = prep.rgb("rgb", rgbFile);

        assertAll(
                () -> assertArrayEquals(channels[0], sentinelRgb[0]),
                () -> assertArrayEquals(channels[1], sentinelRgb[1]),
                () -> assertArrayEquals(channels[2], sentinelRgb[2]),
                () -> assertArrayEquals(new float[] {0f, 1f}, fileRgb[0]),
                () -> assertArrayEquals(new float[] {0.2f, 0.4f}, fileRgb[1]),
                () -> assertArrayEquals(new float[] {1f, 0f}, fileRgb[2]));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"B1, B01", "b01, B01", "B08, B08", "B8A, B8A", "B08A, B8A", "b12, B12",
        "' B10 ', B10", "R, R"})
    void sentinel2BandNamesHaveOneCanonicalSpelling(String name, String canonical) {
        assertEquals(canonical, BandNames.canonicalSentinel2(name));
    }
}
