package diffusionsat.io.raster;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import diffusionsat.io.storage.Storage;
import diffusionsat.testing.Fixtures;
import diffusionsat.testing.TestRasters;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** io.maxPixels: declared sizes are checked before any pixel buffer exists (issue 13). */
class RasterSizeLimitTest {
    private static final String SAMPLE = Fixtures.projectRoot()
            .resolve("conf/samples/sentinel2/s2_l1c_13band_svn_20150711.tif").toString();

    @Test
    void aHeaderDeclaring100000By100000PixelsFailsItsTileNamingTheSize(@TempDir Path dir)
            throws Exception {
        Path file = TestRasters.hugeHeader(dir.resolve("huge.tif"));
        TileReadException e = assertThrows(TileReadException.class,
                () -> GdalRasters.read("huge", file.toString(), Storage.local()));
        assertAll(() -> assertTrue(Files.size(file) < 1_000_000, "the file is small"),
                () -> assertTrue(e.getMessage().contains("tile huge"), e.getMessage()),
                () -> assertTrue(e.getMessage().contains("100000 x 100000 px x 3 bands"),
                        e.getMessage()),
                () -> assertTrue(e.getMessage().contains("io.maxPixels"), e.getMessage()));
    }

    @Test
    void theLimitComesWithTheStorage() {
        Raster sample = GdalRasters.read("s", SAMPLE, Storage.local());
        long values = (long) sample.width() * sample.height() * sample.bandCount();
        TileReadException e = assertThrows(TileReadException.class, () -> GdalRasters.read("s",
                SAMPLE, Storage.local().withMaxPixels(values - 1)));
        assertAll(() -> assertTrue(e.getMessage().contains("= " + values + " values"),
                        e.getMessage()),
                () -> assertEquals(sample.width(), GdalRasters.read("s", SAMPLE,
                        Storage.local().withMaxPixels(values)).width()));
    }

    @Test
    void windowedReadsBoundTheDeclaredBandAndEachRead() {
        long perBand = 100L * 101;
        RasterWindow window = new RasterWindow(10, 10, 50, 50);
        try (RasterReader reader = RasterReader.open("s", SAMPLE,
                Storage.local().withMaxPixels(perBand))) {
            TileReadException e = assertThrows(TileReadException.class,
                    () -> reader.read(window, reader.header().bandNames()));
            assertAll(() -> assertEquals(3, reader.read(window,
                            reader.header().bandNames().subList(0, 3)).bandCount()),
                    () -> assertTrue(e.getMessage().contains("50 x 50 px x 13 bands"),
                            e.getMessage()),
                    () -> assertTrue(e.getMessage().contains("io.maxPixels"), e.getMessage()));
        }
        TileReadException declared = assertThrows(TileReadException.class,
                () -> RasterReader.open("s", SAMPLE, Storage.local().withMaxPixels(perBand - 1)));
        assertTrue(declared.getMessage().contains("px a band, above io.maxPixels"),
                declared.getMessage());
    }

    @Test
    void sizesBeyondLongAndArrayLimitsAreRefusedNotOverflowed() {
        assertAll(
                () -> assertThrows(TileReadException.class, () -> RasterSizeLimit.check("t",
                        "f", Long.MAX_VALUE / 2, 4, 1, Long.MAX_VALUE)),
                () -> assertTrue(assertThrows(TileReadException.class, () -> RasterSizeLimit
                        .check("t", "f", 50_000, 50_000, 1, Long.MAX_VALUE)).getMessage()
                        .contains("Java array")),
                () -> assertTrue(assertThrows(TileReadException.class, () -> RasterSizeLimit
                        .check("t", "f", 0, 5, 1, 100)).getMessage().contains("no pixels")));
    }
}
