package diffusionsat.io.catalog;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import diffusionsat.io.raster.GdalRasters;
import diffusionsat.io.raster.Raster;
import diffusionsat.io.raster.RasterDataType;
import diffusionsat.io.storage.Storage;
import diffusionsat.testing.Fixtures;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogScannerTest {
    private static final Path S2 = Fixtures.data().resolve("sentinel2");
    private static final List<String> DATES = List.of("20150711", "20150731", "20150820",
            "20150830", "20150909");
    private final Storage storage = Storage.local();

    @Test
    void scansTheSentinel2SeriesAndRecordsTheFilesItCannotRead(@TempDir Path dir)
            throws IOException {
        for (String date : DATES) {
            Files.copy(S2.resolve(sceneName(date)), dir.resolve(sceneName(date)));
        }
        byte[] full = Files.readAllBytes(S2.resolve(sceneName("20150711")));
        Files.write(dir.resolve("truncated.tif"), Arrays.copyOf(full, full.length / 2));
        Files.writeString(dir.resolve("readme.tif"), "this is text, not a GeoTIFF");

        ScanResult result = new CatalogScanner().scan(dir.toString(), storage);

        Map<String, TileRecord> byId = result.tiles().stream()
                .collect(Collectors.toMap(TileRecord::id, Function.identity()));
        Map<String, String> causes = result.failures().stream()
                .collect(Collectors.toMap(f -> Path.of(f.uri()).getFileName().toString(),
                        ScanFailure::cause));
        TileRecord first = byId.get("s2_l1c_13band_svn_20150711");
        assertAll(
                () -> assertEquals(5, result.tiles().size()),
                () -> assertEquals(List.of("readme.tif", "truncated.tif"),
                        causes.keySet().stream().sorted().toList()),
                () -> assertTrue(causes.get("readme.tif").contains("not recognized"),
                        causes.get("readme.tif")),
                () -> assertTrue(causes.get("truncated.tif").contains("truncated.tif"),
                        causes.get("truncated.tif")),
                () -> assertEquals(1, result.tiles().stream().map(TileRecord::sequenceId)
                        .distinct().count(), "one place on one grid: one sequence"));
        // Values from shared/data/README.md §1 and the fMoW sidecar's x_ fields (GDAL/PROJ).
        assertAll(
                () -> assertEquals("sentinel-2-l1c", first.collection()),
                () -> assertEquals(Instant.parse("2015-07-11T10:00:08Z"), first.datetime()),
                () -> assertEquals(0.0, first.cloudCover()),
                () -> assertEquals(100.0, byId.get("s2_l1c_13band_svn_20150731").cloudCover()),
                () -> assertEquals(Instant.parse("2015-08-20T10:07:28Z"),
                        byId.get("s2_l1c_13band_svn_20150820").datetime()),
                () -> assertEquals(14.557815, first.lon(), 1e-6),
                () -> assertEquals(45.870459, first.lat(), 1e-6),
                () -> assertEquals((9.99479 + 9.99745) / 2, first.gsd(), 1e-4),
                () -> assertEquals(32633, first.epsg()),
                () -> assertEquals(13, first.bands().size()),
                () -> assertEquals("B8A", first.bands().get(8)),
                () -> assertEquals(100, first.width()),
                () -> assertEquals(101, first.height()),
                () -> assertArrayEquals(new double[] {465181.052, 5079244.891, 466180.531,
                    5080254.633}, first.bbox(), 1e-3),
                () -> assertEquals(dir.resolve(sceneName("20150711")).toString(), first.href()),
                () -> assertTrue(first.crsWkt().contains("32633"), first.crsWkt()),
                () -> assertEquals(465181.0522, first.geoTransform()[0], 1e-4),
                () -> assertNull(first.caption()));
        // Footprint corners UL, LL, LR, UR (counter-clockwise), closed.
        double[][] ring = polygonRing(first.geometryWkb());
        assertAll(
                () -> assertEquals(5, ring.length),
                () -> assertArrayEquals(new double[] {14.55134, 45.874977}, ring[0], 1e-6),
                () -> assertArrayEquals(new double[] {14.551413, 45.865889}, ring[1], 1e-6),
                () -> assertArrayEquals(new double[] {14.564289, 45.865939}, ring[2], 1e-6),
                () -> assertArrayEquals(new double[] {14.564218, 45.875027}, ring[3], 1e-6),
                () -> assertArrayEquals(ring[0], ring[4]));
    }

    @Test
    void dateComesFromTheFileNameWhenTheRasterHasNoTag(@TempDir Path dir) {
        Raster scene = GdalRasters.read("svn", S2.resolve(sceneName("20150711")).toString(),
                storage);
        // writeCog without tags: the copy has georeference but no acquisition metadata.
        GdalRasters.writeCog(scene, dir.resolve("scene_2020-01-02.tif").toString(), storage,
                RasterDataType.FLOAT32);
        GdalRasters.writeCog(scene, dir.resolve("undated.tif").toString(), storage,
                RasterDataType.FLOAT32);

        Map<String, TileRecord> byId = new CatalogScanner().scan(dir.toString(), storage)
                .tiles().stream().collect(Collectors.toMap(TileRecord::id, Function.identity()));

        assertAll(
                () -> assertEquals(Instant.parse("2020-01-02T00:00:00Z"),
                        byId.get("scene_2020-01-02").datetime()),
                () -> assertNull(byId.get("scene_2020-01-02").cloudCover()),
                () -> assertNull(byId.get("undated").datetime()));
    }

    @Test
    void anFmowSidecarOverridesTagsAndGivesGsdAndCaption(@TempDir Path dir) throws IOException {
        Files.copy(S2.resolve(sceneName("20150711")), dir.resolve("svn_0_ms.tif"));
        Files.writeString(dir.resolve("svn_0_rgb.json"), """
                {"gsd": 10.0, "timestamp": "2016-03-04T05:06:07Z", "cloud_cover": 12,
                 "caption": "a satellite image of farmland", "country_code": "SVN"}
                """);

        TileRecord tile = new CatalogScanner("fmow-sentinel").scan(dir.toString(), storage)
                .tiles().get(0);

        assertAll(
                () -> assertEquals("svn_0_ms", tile.id()),
                () -> assertEquals("fmow-sentinel", tile.collection()),
                () -> assertEquals(Instant.parse("2016-03-04T05:06:07Z"), tile.datetime()),
                () -> assertEquals(12.0, tile.cloudCover()),
                () -> assertEquals(10.0, tile.gsd()),
                () -> assertEquals("a satellite image of farmland", tile.caption()));
    }

    @Test
    void aMalformedSidecarFailsOnlyItsTile(@TempDir Path dir) throws IOException {
        Files.copy(S2.resolve(sceneName("20150711")), dir.resolve("a.tif"));
        Files.copy(S2.resolve(sceneName("20150731")), dir.resolve("b.tif"));
        Files.writeString(dir.resolve("b.json"), "{ not json");

        ScanResult result = new CatalogScanner().scan(dir.toString(), storage);

        assertAll(
                () -> assertEquals(List.of("a"), result.tiles().stream().map(TileRecord::id)
                        .toList()),
                () -> assertEquals(1, result.failures().size()),
                () -> assertTrue(result.failures().get(0).cause().contains("b.json"),
                        result.failures().get(0).cause()));
    }

    @Test
    void geographicRastersGetGsdInMetresAndRgbBandNames() {
        Path joplin = Fixtures.data().resolve(
                "xbd_style/joplin/geotiff/joplin-tornado_00000000_post_disaster.tif");

        TileRecord tile = new CatalogScanner().scan(joplin.toString(), storage).tiles().get(0);

        // data/README.md §4: 0.000006° is about 0.533 m east-west and 0.666 m north-south.
        assertAll(
                () -> assertEquals("joplin-tornado_00000000_post_disaster", tile.id()),
                () -> assertEquals(List.of("R", "G", "B"), tile.bands()),
                () -> assertEquals("rgb", tile.collection()),
                () -> assertEquals(4326, tile.epsg()),
                () -> assertEquals((0.533 + 0.666) / 2, tile.gsd(), 0.002),
                () -> assertEquals(-94.4984113 + 640 * 0.000006 / 2, tile.lon(), 1e-7),
                () -> assertEquals(37.0717538 - 640 * 0.000006 / 2, tile.lat(), 1e-7));
    }

    @Test
    void repeatedStemsInSubfoldersGetPathIds(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("2015/a b"));
        Files.createDirectories(dir.resolve("2016"));
        Files.copy(S2.resolve(sceneName("20150711")), dir.resolve("2015/a b/scene.tif"));
        Files.copy(S2.resolve(sceneName("20150731")), dir.resolve("2016/scene.tif"));
        Files.copy(S2.resolve(sceneName("20150820")), dir.resolve("2016/other.tif"));

        List<String> ids = new CatalogScanner().scan(dir.toString(), storage).tiles().stream()
                .map(TileRecord::id).toList();

        assertEquals(List.of("2015_a_b_scene", "other", "2016_scene"), ids);
    }

    private static String sceneName(String date) {
        return "s2_l1c_13band_svn_" + date + ".tif";
    }

    private static double[][] polygonRing(byte[] wkb) {
        ByteBuffer in = ByteBuffer.wrap(wkb).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(1, in.get(), "little-endian WKB");
        assertEquals(3, in.getInt(), "Polygon");
        assertEquals(1, in.getInt(), "one ring");
        double[][] ring = new double[in.getInt()][];
        for (int i = 0; i < ring.length; i++) {
            ring[i] = new double[] {in.getDouble(), in.getDouble()};
        }
        return ring;
    }
}
