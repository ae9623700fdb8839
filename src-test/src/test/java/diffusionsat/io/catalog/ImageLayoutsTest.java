package diffusionsat.io.catalog;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import diffusionsat.io.storage.Storage;
import diffusionsat.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rasters other than GeoTIFF (issue 16, finding 3): fMoW-RGB's JPEG + JSON layout with the
 * sidecar's metadata and position, PNG chips without any georeference, and files GDAL cannot
 * open, rejected with the cause.
 */
class ImageLayoutsTest {
    private static final Path FMOW = Fixtures.data().resolve("fmow_style/svn_eolearn");

    @Test
    void fmowJpegsAreCataloguedWithTheirSidecars() {
        List<TileRecord> tiles = new CatalogScanner().scan(FMOW.toString(), Storage.local())
                .tiles().stream().sorted(Comparator.comparing(TileRecord::id)).toList();
        TileRecord first = tiles.get(0);
        assertAll(
                () -> assertEquals(5, tiles.size()),
                () -> assertEquals("svn_eolearn_0_rgb", first.id()),
                () -> assertEquals("fmow-rgb", first.collection()),
                () -> assertEquals(List.of("R", "G", "B"), first.bands()),
                () -> assertEquals(Instant.parse("2015-07-11T10:00:08Z"), first.datetime()),
                () -> assertEquals(0.0, first.cloudCover()),
                () -> assertEquals(9.9948, first.gsd(), 1e-12, "the sidecar's gsd"),
                // x_center_lonlat of the sidecar, computed by its authors with GDAL/PROJ
                () -> assertEquals(14.557815, first.lon(), 1e-5),
                () -> assertEquals(45.870459, first.lat(), 1e-5),
                () -> assertEquals(32633, first.epsg()),
                () -> assertEquals(100, tiles.get(1).cloudCover(), "the cloudy 07-31 frame"));
    }

    /** fMoW's own sidecars give the object's pixel box and its lon/lat polygon. */
    @Test
    void fmowBoundingBoxPlacesTheImage(@TempDir Path dir) throws IOException {
        Files.copy(FMOW.resolve("svn_eolearn_0_rgb.jpg"), dir.resolve("airport_0_0_rgb.jpg"));
        Files.writeString(dir.resolve("airport_0_0_rgb.json"), """
                {"gsd": 0.5, "timestamp": "2016-03-01T10:00:00Z", "cloud_cover": 12,
                 "bounding_boxes": [{"box": [25, 25, 50, 50], "category": "airport",
                   "raw_location": "POLYGON ((10.0 50.0, 10.01 50.0, 10.01 50.01, 10.0 50.01,\
                 10.0 50.0))"}]}""");
        TileRecord tile = new CatalogScanner().scan(dir.toString(), Storage.local()).tiles()
                .get(0);
        assertAll(
                () -> assertEquals(4326, tile.epsg()),
                // the box's centre (50, 50) is the polygon's, the image 100 x 101 px
                () -> assertEquals(10.005, tile.lon(), 1e-9),
                () -> assertEquals(50.005 - 0.5 * 0.01 / 50, tile.lat(), 1e-9),
                () -> assertEquals(12.0, tile.cloudCover()),
                () -> assertEquals(0.5, tile.gsd()));
    }

    @Test
    void pngWithoutGeoreferenceIsCataloguedByItsPixels() {
        Path chips = Fixtures.data().resolve("superres/satlas_s2naip");
        TileRecord chip = new CatalogScanner().scan(chips.resolve("s2_l1c_tci_0.png").toString(),
                Storage.local()).tiles().get(0);
        assertAll(
                () -> assertEquals(32, chip.width()),
                () -> assertNull(chip.lon(), "position unknown, not zero"),
                () -> assertNull(chip.geometryWkb()),
                () -> assertNull(chip.gsd()),
                () -> assertEquals("rgb", chip.collection()));
    }

    @Test
    void aRasterGdalCannotOpenIsRejectedWithItsCause(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("broken.png"), "not a PNG");
        ScanResult scan = new CatalogScanner().scan(dir.toString(), Storage.local());
        assertAll(
                () -> assertEquals(List.of(), scan.tiles()),
                () -> assertEquals(1, scan.failures().size()),
                () -> assertTrue(scan.failures().get(0).cause().contains("broken.png"),
                        scan.failures().get(0).cause()));
    }
}
