package diffusionsat.io.stac;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import diffusionsat.io.catalog.CollectionProfile;
import diffusionsat.io.catalog.ScanFailure;
import diffusionsat.io.catalog.TileRecord;
import diffusionsat.io.raster.GdalRasters;
import diffusionsat.io.raster.Radiometry;
import diffusionsat.io.raster.Raster;
import diffusionsat.io.raster.Resampling;
import diffusionsat.io.storage.Storage;
import diffusionsat.testing.Fixtures;
import diffusionsat.testing.StacSamples;
import diffusionsat.testing.TestRasters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.gdal.gdalconst.gdalconstConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** STAC Items to catalogue rows and VRTs, on the bundled sample ({@code conf/samples/stac}). */
class StacScanTest {
    static final Path ITEMS = Fixtures.projectRoot().resolve("conf/samples/stac/items.json");
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Storage storage = Storage.local();

    @TempDir
    Path dir;

    @Test
    void rowsTakeTheirMetadataFromTheItems() throws IOException {
        StacScan.Result result = scan(ITEMS.toString());
        JsonNode features = JSON.readTree(ITEMS.toFile()).path("features");
        assertEquals(List.of(), result.scan().failures());
        assertEquals(2, result.scan().tiles().size());
        for (int i = 0; i < 2; i++) {
            JsonNode item = features.get(i);
            TileRecord row = result.scan().tiles().get(i);
            double[] centroid = ringCentroid(item.path("geometry").path("coordinates").get(0));
            assertAll(row.id(),
                    () -> assertEquals(item.path("id").asText(), row.id()),
                    () -> assertEquals("sentinel-2-l2a", row.collection()),
                    () -> assertEquals(Instant.parse(item.path("properties").path("datetime")
                            .asText()), row.datetime()),
                    () -> assertEquals(item.path("properties").path("eo:cloud_cover")
                            .asDouble(), row.cloudCover()),
                    () -> assertEquals(32633, row.epsg()),
                    // the 10 m bands' grid: the source tile's pixel of 9.9948 x 9.9974 m
                    () -> assertEquals((9.99479 + 9.99745) / 2, row.gsd(), 1e-4),
                    () -> assertEquals(centroid[0], row.lon(), 1e-7),
                    () -> assertEquals(centroid[1], row.lat(), 1e-7),
                    () -> assertEquals(96, row.width()),
                    () -> assertEquals("reflectance", row.radiometry()),
                    () -> assertEquals(List.of("B01", "B02", "B03", "B04", "B05", "B06", "B07",
                            "B08", "B8A", "B09", "B11", "B12"), row.bands()),
                    () -> assertEquals(dir.resolve("catalogue/_stac/" + row.id() + ".vrt")
                            .toString(), row.href()));
        }
    }

    @Test
    void vrtStacksTheBandsAsReflectanceOnTheTenMetreGrid() {
        StacScan.Result result = scan(ITEMS.toString());
        StacScan.writeVrts(result.vrts(), storage);
        String date = StacSamples.DATES.get(0);
        Raster source = TestRasters.crop(GdalRasters.read(date, StacSamples.sourceTile(date)
                .toString(), storage), StacSamples.SIZE, StacSamples.SIZE);
        TileRecord row = result.scan().tiles().get(0);
        Raster stacked = GdalRasters.read(row.id(), row.href(), storage);
        float[] b04 = stacked.band("B04");
        float[] b05 = stacked.band("B05");
        // B05 is 20 m: each 10 m pixel of the VRT holds the average of its 2 x 2 block.
        float[] b05Average = Resampling.resize(new float[][] {source.band("B05")}, 96, 96, 48,
                48, Resampling.Method.AVERAGE)[0];
        float[] b05Expected = new float[96 * 96];
        for (int i = 0; i < b05Expected.length; i++) {
            b05Expected[i] = b05Average[(i / 96 / 2) * 48 + (i % 96) / 2];
        }
        // DN rounding: half a digital number, 0.5e-4 in reflectance, plus float32 rounding.
        assertAll(
                () -> assertEquals(96, stacked.width()),
                () -> assertArrayEquals(source.transform().toGdal(), stacked.transform().toGdal(),
                        1e-9),
                () -> assertArrayEquals(source.band("B04"), b04, 0.5e-4f + 1e-6f),
                () -> assertArrayEquals(b05Expected, b05, 0.5e-4f + 1e-6f));
    }

    @Test
    void itemsWithoutTheModelsBandsOrWithBadAssetsAreRejectedWithTheCause() throws IOException {
        JsonNode collection = JSON.readTree(ITEMS.toFile());
        ObjectNode noRed = (ObjectNode) collection.path("features").get(0).deepCopy();
        ((ObjectNode) noRed.path("assets")).remove("red");
        ObjectNode missingFile = (ObjectNode) collection.path("features").get(1).deepCopy();
        ((ObjectNode) missingFile.path("assets").path("nir")).put("href", "./nowhere/B08.tif");
        Path noGeoTransform = dir.resolve("plain/B08.tif");
        StacSamples.writeCog(noGeoTransform, 96, 96, gdalconstConstants.GDT_UInt16, null, null,
                0.0, null, new float[96 * 96]);
        ObjectNode unplaced = (ObjectNode) collection.path("features").get(1).deepCopy();
        unplaced.put("id", "unplaced");
        ((ObjectNode) unplaced.path("assets").path("nir")).put("href",
                noGeoTransform.toString());
        ObjectNode out = JSON.createObjectNode().put("type", "FeatureCollection");
        out.putArray("features").add(noRed).add(missingFile).add(unplaced)
                .add(JSON.createObjectNode().put("type", "Feature"));
        Path file = Files.writeString(dir.resolve("bad.json"), out.toString());
        // Asset hrefs are relative to the file: point them back at the sample.
        for (String date : StacSamples.DATES) {
            copyFolder(ITEMS.resolveSibling(StacSamples.itemId(date)),
                    dir.resolve(StacSamples.itemId(date)));
        }

        StacScan.Result result = scan(file.toString());
        Map<String, String> causes = new java.util.TreeMap<>();
        for (ScanFailure f : result.scan().failures()) {
            causes.put(f.item() == null ? "(none)" : f.item(), f.cause());
        }
        assertAll(
                () -> assertEquals(List.of(), result.scan().tiles()),
                () -> assertEquals(4, causes.size(), causes.toString()),
                () -> assertTrue(causes.get("S2A_svn_20150711_0_L2A")
                        .contains("missing assets for bands [B04]"), causes.toString()),
                () -> assertTrue(causes.get("S2A_svn_20150830_0_L2A").contains("nowhere/B08.tif"),
                        causes.toString()),
                () -> assertTrue(causes.get("unplaced").contains("has no geotransform"),
                        causes.toString()),
                () -> assertTrue(causes.get("(none)").contains("malformed STAC item"),
                        causes.toString()));
    }

    @Test
    void bandRadiometryComesFromRasterBandsThenTheBaselineThenTheConfiguration() {
        String item = """
                {"type": "Feature", "id": "x", "collection": "c", "properties": {%s},
                 "assets": {"red": {"href": "r.tif"%s},
                            "B08": {"href": "n.tif", "eo:bands": [{"name": "B08"}]}}}""";
        StacItemSource withScale = new StacItemSource(item.formatted("",
                ", \"raster:bands\": [{\"scale\": 0.0001, \"offset\": -0.1, \"nodata\": 0}]"),
                "/data/items.json", "t");
        StacItemSource oldBaseline = new StacItemSource(item.formatted(
                "\"s2:processing_baseline\": \"02.14\"", ""), "/data/items.json", "t");
        StacItemSource nothing = new StacItemSource(item.formatted("", ""), "/data/items.json",
                "t");
        Map<String, CollectionProfile> profiles = Map.of("c", new CollectionProfile(List.of(),
                Radiometry.DIGITAL_NUMBERS_OFFSET_1000));
        StacItem scaled = StacItem.parse(withScale, Map.of(), Radiometry.REFLECTANCE);
        StacItem old = StacItem.parse(oldBaseline, Map.of(), Radiometry.REFLECTANCE);
        assertAll(
                () -> assertEquals(new BandScaling(1e-4, -0.1, "raster:bands"),
                        scaled.band("B04").scaling()),
                () -> assertEquals(0.0, scaled.band("B04").noData()),
                () -> assertEquals("/data/r.tif", scaled.band("B04").href()),
                () -> assertNull(scaled.band("B08").noData()),
                () -> assertEquals(new BandScaling(1e-4, 0.0, "s2:processing_baseline 02.14"),
                        old.band("B08").scaling()),
                () -> assertEquals(new BandScaling(1e-4, -0.1, "catalog.collections"),
                        StacItem.parse(nothing, profiles, Radiometry.REFLECTANCE).band("B08")
                                .scaling()),
                () -> assertEquals(new BandScaling(1.0, 0.0, "io.radiometry"),
                        StacItem.parse(nothing, Map.of(), Radiometry.REFLECTANCE).band("B08")
                                .scaling()));
    }

    private StacScan.Result scan(String input) {
        StacItemScanner scanner = new StacItemScanner(dir.resolve("catalogue/_stac").toString(),
                Map.of(), Radiometry.REFLECTANCE);
        return StacScan.run(input, scanner, storage);
    }

    static void copyFolder(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (var files = Files.list(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(file.getFileName().toString()));
            }
        }
    }

    /** Area centroid of a closed lon/lat ring (shoelace formula). */
    private static double[] ringCentroid(JsonNode ring) {
        double area = 0;
        double cx = 0;
        double cy = 0;
        for (int i = 0; i + 1 < ring.size(); i++) {
            double x0 = ring.get(i).get(0).asDouble();
            double y0 = ring.get(i).get(1).asDouble();
            double x1 = ring.get(i + 1).get(0).asDouble();
            double y1 = ring.get(i + 1).get(1).asDouble();
            double cross = x0 * y1 - x1 * y0;
            area += cross;
            cx += (x0 + x1) * cross;
            cy += (y0 + y1) * cross;
        }
        return new double[] {cx / (3 * area), cy / (3 * area)};
    }
}
