package diffusionsat.io.raster;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import diffusionsat.io.storage.Storage;
import diffusionsat.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.gdal.gdal.Band;
import org.gdal.gdal.Dataset;
import org.gdal.gdal.Driver;
import org.gdal.gdal.gdal;
import org.gdal.gdalconst.gdalconstConstants;
import org.gdal.osr.SpatialReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GdalRastersTest {
    private static final Path S2 = Fixtures.data().resolve("sentinel2");
    private static final Path S2_20150711 = S2.resolve("s2_l1c_13band_svn_20150711.tif");
    private static final List<String> S2_BANDS = List.of("B01", "B02", "B03", "B04", "B05", "B06",
            "B07", "B08", "B8A", "B09", "B10", "B11", "B12");
    private final Storage storage = Storage.local();

    @Test
    void readsTheSentinel2SampleWithItsGeoreference() {
        Raster raster = GdalRasters.read("svn-20150711", S2_20150711.toString(), storage);

        GeoTransform t = raster.transform();
        // Size, band order, CRS and geotransform from shared/data/README.md §1 (rounded there).
        assertAll(
                () -> assertEquals(100, raster.width()),
                () -> assertEquals(101, raster.height()),
                () -> assertEquals(S2_BANDS, raster.bandNames()),
                () -> assertEquals(13, raster.bands().length),
                () -> assertEquals("32633", epsgOf(raster.crsWkt())),
                () -> assertEquals(465181.0522, t.originX(), 1e-4),
                () -> assertEquals(9.99479, t.pixelWidth(), 1e-5),
                () -> assertEquals(0.0, t.rowRotation()),
                () -> assertEquals(5080254.6335, t.originY(), 1e-4),
                () -> assertEquals(0.0, t.columnRotation()),
                () -> assertEquals(-9.99745, t.pixelHeight(), 1e-5),
                () -> assertEquals(new NoData.None(), raster.noData()));
    }

    @Test
    void pixelValuesMatchGdalAndTheNdviStack() {
        Raster scene = GdalRasters.read("svn-20150711", S2_20150711.toString(), storage);
        Raster ndvi = GdalRasters.read("ndvi",
                S2.resolve("s2_timeseries_svn_ndvi_68dates.tif").toString(), storage);

        // B01 and B12 at (column 10, row 20), as gdallocationinfo prints them.
        int pixel = 20 * 100 + 10;
        float[] b04 = scene.band("B04");
        float[] b08 = scene.band("B08");
        float[] firstDate = ndvi.bands()[0];
        float maxDifference = 0;
        for (int i = 0; i < b04.length; i++) {
            float expected = (b08[i] - b04[i]) / (b08[i] + b04[i]);
            maxDifference = Math.max(maxDifference, Math.abs(expected - firstDate[i]));
        }
        float worst = maxDifference;
        // data/README.md: this scene's NDVI equals the first NDVI frame exactly (float32 both).
        assertAll(
                () -> assertEquals(0.100299999117851f, scene.band("B01")[pixel]),
                () -> assertEquals(0.032600000500679f, scene.band("B12")[pixel]),
                () -> assertEquals(0f, worst, 1e-6f));
    }

    @Test
    void cogRoundTripKeepsGeoreferenceBandsNodataAndPixels(@TempDir Path dir) {
        Raster source = GdalRasters.read("svn", S2_20150711.toString(), storage);
        float[][] bands = {source.band("B04"), source.band("B03").clone()};
        bands[1][0] = -9999f;
        Raster raster = new Raster(100, 101, List.of("B04", "B03"), bands,
                source.transform().scaled(2), source.crsWkt(), new NoData.Value(-9999));
        String uri = dir.resolve("out/tiles/svn.tif").toString();

        GdalRasters.writeCog(raster, uri, storage, RasterDataType.FLOAT32,
                Map.of("ACQUISITION_DATETIME_UTC", "2015-07-11T10:00:08Z"));
        Raster back = GdalRasters.read("svn", uri, storage);

        Dataset dataset = gdal.Open(uri);
        try {
            assertAll(
                    () -> assertEquals("COG",
                            dataset.GetMetadataItem("LAYOUT", "IMAGE_STRUCTURE")),
                    () -> assertEquals("DEFLATE",
                            dataset.GetMetadataItem("COMPRESSION", "IMAGE_STRUCTURE")),
                    () -> assertEquals("2015-07-11T10:00:08Z",
                            dataset.GetMetadataItem("ACQUISITION_DATETIME_UTC")),
                    () -> assertEquals(gdalconstConstants.GDT_Float32,
                            dataset.GetRasterBand(1).GetRasterDataType()),
                    () -> assertEquals(100, back.width()),
                    () -> assertEquals(101, back.height()),
                    () -> assertEquals(List.of("B04", "B03"), back.bandNames()),
                    () -> assertEquals(new NoData.Value(-9999), back.noData()),
                    () -> assertArrayEquals(raster.transform().toGdal(), back.transform().toGdal()),
                    () -> assertTrue(sameCrs(raster.crsWkt(), back.crsWkt())),
                    () -> assertArrayEquals(bands[0], back.bands()[0]),
                    () -> assertArrayEquals(bands[1], back.bands()[1]),
                    () -> assertTrue(back.missingMask()[0]),
                    () -> assertEquals(List.of("svn.tif"), namesIn(dir.resolve("out/tiles"))));
        } finally {
            dataset.delete();
        }
    }

    @Test
    void largerCogsCarryCubicOverviewsHalvingToOneBlockAndKeepEveryPixel(@TempDir Path dir) {
        Raster source = GdalRasters.read("svn", S2_20150711.toString(), storage);
        int width = 600;
        int height = 520;
        float[] b04 = source.band("B04");
        float[][] bands = new float[2][width * height];
        for (int i = 0; i < width * height; i++) {
            int x = i % width;
            int y = i / width;
            bands[0][i] = b04[(y % 101) * 100 + x % 100] + x * 1e-6f;
            bands[1][i] = (x * 31 + y * 17) % 97 == 0 ? Float.NaN : bands[0][i] * y;
        }
        Raster raster = new Raster(width, height, List.of("R", "G"), bands,
                source.transform(), source.crsWkt(), new NoData.Value(Float.NaN));
        String uri = dir.resolve("large.tif").toString();

        GdalRasters.writeCog(raster, uri, storage, RasterDataType.FLOAT32);
        Raster back = GdalRasters.read("large", uri, storage);

        Dataset written = gdal.Open(uri);
        try {
            Band band = written.GetRasterBand(2);
            assertAll(
                    () -> assertEquals("COG", written.GetMetadataItem("LAYOUT", "IMAGE_STRUCTURE")),
                    () -> assertEquals("DEFLATE",
                            written.GetMetadataItem("COMPRESSION", "IMAGE_STRUCTURE")),
                    () -> assertEquals("3",
                            written.GetMetadataItem("PREDICTOR", "IMAGE_STRUCTURE")),
                    () -> assertEquals(256, band.GetBlockXSize()),
                    () -> assertEquals(256, band.GetBlockYSize()),
                    () -> assertEquals(2, band.GetOverviewCount()),
                    () -> assertEquals(List.of(300, 260, 150, 130), List.of(
                            band.GetOverview(0).getXSize(), band.GetOverview(0).getYSize(),
                            band.GetOverview(1).getXSize(), band.GetOverview(1).getYSize())),
                    () -> assertArrayEquals(bands[0], back.bands()[0]),
                    () -> assertArrayEquals(bands[1], back.bands()[1]),
                    () -> assertArrayEquals(cubicReduction(written.GetRasterBand(1), 2),
                            overviewPixels(written, 1, 0)),
                    () -> assertArrayEquals(cubicReduction(written.GetRasterBand(2), 4),
                            overviewPixels(written, 2, 1)));
        } finally {
            written.delete();
        }
    }

    @Test
    void byteCogsRoundAndClampAndGiveMissingPixelsTheNodataValue(@TempDir Path dir) {
        Raster source = GdalRasters.read("svn", S2_20150711.toString(), storage);
        float[] values = new float[100 * 101];
        float[] given = {-3f, 0.4f, 0.5f, 254.6f, 300f, Float.NaN};
        System.arraycopy(given, 0, values, 0, given.length);
        Raster raster = new Raster(100, 101, List.of("R"), new float[][] {values},
                source.transform(), source.crsWkt(), new NoData.Value(255));
        String uri = dir.resolve("byte.tif").toUri().toString();

        GdalRasters.writeCog(raster, uri, storage, RasterDataType.BYTE);
        Raster back = GdalRasters.read("byte", uri, storage);

        // Math.round: half away from zero for positives (0.5 -> 1).
        assertArrayEquals(new float[] {0f, 0f, 1f, 255f, 255f, 255f},
                Arrays.copyOf(back.bands()[0], given.length));
    }

    @Test
    void aRefusedGdalCallOnTheStagedOutputNamesTheCallAndPublishesNothing(@TempDir Path dir) {
        Raster raster = new Raster(8, 8, List.of("R"), new float[][] {new float[64]},
                new GeoTransform(500000, 10, 0, 5000000, 0, -10), "not a CRS at all",
                new NoData.None());
        Path out = dir.resolve("refused.tif");
        GdalCallException e = assertThrows(GdalCallException.class,
                () -> GdalRasters.writeCog(raster, out.toString(), storage,
                        RasterDataType.FLOAT32));
        assertAll(() -> assertTrue(e.getMessage().startsWith("GDAL SetProjection failed on "
                        + out), e.getMessage()),
                () -> assertEquals(List.of(), Files.list(dir).toList()));
    }

    @Test
    void unreadableFilesAreTileReadExceptionsNamingTileFileAndCause(@TempDir Path dir)
            throws IOException {
        Path text = Files.writeString(dir.resolve("notes.tif"), "not a GeoTIFF");
        Path truncated = dir.resolve("truncated.tif");
        byte[] full = Files.readAllBytes(S2_20150711);
        Files.write(truncated, Arrays.copyOf(full, full.length / 2));
        Path missing = dir.resolve("missing.tif");

        for (Path file : List.of(text, truncated, missing)) {
            TileReadException e = assertThrows(TileReadException.class,
                    () -> GdalRasters.read("tile-7", file.toString(), storage));
            assertAll(
                    () -> assertEquals("tile-7", e.tileId()),
                    () -> assertTrue(e.getMessage().contains(file.toString()), e.getMessage()),
                    () -> assertTrue(e.getMessage().length()
                            > ("tile tile-7: cannot read " + file + ": ").length() + 5,
                            "GDAL's message must follow: " + e.getMessage()));
        }
    }

    @Test
    void scaledKeepsTheOriginAndDividesEveryPerPixelTerm() {
        GeoTransform t = new GeoTransform(465181.0, 10.0, 0.5, 5080254.0, -0.25, -10.0);

        GeoTransform fine = t.scaled(4);

        assertAll(
                () -> assertArrayEquals(new double[] {465181.0, 2.5, 0.125, 5080254.0, -0.0625,
                    -2.5}, fine.toGdal()),
                // The far corner of the grid stays where it was: 4x the pixels, 1/4 the size.
                () -> assertEquals(t.x(100, 101), fine.x(400, 404), 1e-9),
                () -> assertEquals(t.y(100, 101), fine.y(400, 404), 1e-9),
                () -> assertThrows(IllegalArgumentException.class, () -> t.scaled(0)));
    }

    @Test
    void stacTransformOrderRoundTrips() {
        GeoTransform t = new GeoTransform(1, 2, 3, 4, 5, 6);

        assertAll(
                () -> assertArrayEquals(new double[] {2, 3, 1, 5, 6, 4}, t.toStac()),
                () -> assertEquals(t, GeoTransform.fromStac(t.toStac())),
                () -> assertEquals(t, GeoTransform.fromGdal(t.toGdal())));
    }

    private static float[] overviewPixels(Dataset dataset, int band, int level) {
        return pixelsOf(dataset.GetRasterBand(band).GetOverview(level));
    }

    private static float[] pixelsOf(Band band) {
        float[] pixels = new float[band.getXSize() * band.getYSize()];
        band.ReadRaster(0, 0, band.getXSize(), band.getYSize(), pixels);
        return pixels;
    }

    /** GDAL's cubic reduction of a whole band by {@code factor}, straight from its pixels. */
    private static float[] cubicReduction(Band full, int factor) {
        Driver memory = gdal.GetDriverByName("MEM");
        int width = full.getXSize();
        int height = full.getYSize();
        float[] pixels = new float[width * height];
        full.ReadRaster(0, 0, width, height, pixels);
        Dataset source = memory.Create("", width, height, 1, gdalconstConstants.GDT_Float32);
        Dataset reduced = memory.Create("", width / factor, height / factor, 1,
                gdalconstConstants.GDT_Float32);
        try {
            Band band = source.GetRasterBand(1);
            Double[] noData = new Double[1];
            full.GetNoDataValue(noData);
            band.SetNoDataValue(noData[0]);
            band.WriteRaster(0, 0, width, height, pixels);
            gdal.RegenerateOverviews(band, new Band[] {reduced.GetRasterBand(1)}, "CUBIC");
            return pixelsOf(reduced.GetRasterBand(1));
        } finally {
            reduced.delete();
            source.delete();
        }
    }

    private static String epsgOf(String wkt) {
        SpatialReference srs = new SpatialReference(wkt);
        try {
            return srs.GetAuthorityCode(null);
        } finally {
            srs.delete();
        }
    }

    private static boolean sameCrs(String a, String b) {
        SpatialReference first = new SpatialReference(a);
        SpatialReference second = new SpatialReference(b);
        try {
            return first.IsSame(second) == 1;
        } finally {
            first.delete();
            second.delete();
        }
    }

    private static List<String> namesIn(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
