package diffusionsat.io.raster;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** superres.outputType: what each encoding stores, written block by block and read back. */
class ReflectanceEncodingTest {
    private static final float[] REFLECTANCE = {0f, 0.00001f, 0.25f, 0.5f, 1f, 1.5f, Float.NaN};

    @Test
    void integerTypesKeepZeroForNodataOnly() {
        assertAll(
                () -> assertArrayEquals(new short[] {1, 1, 2500, 5000, 10000, 15000, 0},
                        ReflectanceEncoding.UINT16.toUint16(REFLECTANCE)),
                () -> assertArrayEquals(new byte[] {1, 1, 64, (byte) 128, (byte) 255,
                    (byte) 255, 0}, ReflectanceEncoding.BYTE.toBytes(REFLECTANCE)),
                () -> assertTrue(Float.isNaN(ReflectanceEncoding.UINT16.decode(0))),
                () -> assertEquals(0.25f, ReflectanceEncoding.UINT16.decode(2500)));
    }

    @ParameterizedTest
    @EnumSource(ReflectanceEncoding.class)
    void tiledWritesReadBackAsTheirStoredValues(ReflectanceEncoding encoding, @TempDir Path dir) {
        Path file = dir.resolve("part.tif");
        try (TiledGeoTiffWriter writer = TiledGeoTiffWriter.create(file, 7, 2, List.of("R"),
                new GeoTransform(500000, 2.5, 0, 5000000, 0, -2.5), "", encoding, 0)) {
            writer.write(new RasterWindow(0, 1, 7, 1), new float[][] {REFLECTANCE});
        }
        Raster back = GdalRasters.read("t", file.toString(),
                diffusionsat.io.storage.Storage.local());
        float[] unwritten = java.util.Arrays.copyOf(back.bands()[0], 7);
        float[] written = java.util.Arrays.copyOfRange(back.bands()[0], 7, 14);
        encoding.decodeInPlace(unwritten);
        encoding.decodeInPlace(written);
        assertAll(
                () -> assertEquals(encoding.noData(), back.noData()),
                () -> assertTrue(allNaN(unwritten), "unwritten pixels read as nodata"),
                () -> assertEquals(0.25f, written[2], 0.5f / 255),
                () -> assertTrue(Float.isNaN(written[6])));
    }

    private static boolean allNaN(float[] values) {
        for (float v : values) {
            if (!Float.isNaN(v)) {
                return false;
            }
        }
        return true;
    }
}
