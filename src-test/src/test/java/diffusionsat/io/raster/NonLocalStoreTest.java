package diffusionsat.io.raster;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import diffusionsat.io.catalog.CatalogScanner;
import diffusionsat.io.catalog.ScanResult;
import diffusionsat.io.catalog.TileRecord;
import diffusionsat.io.storage.Storage;
import diffusionsat.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.Vector;
import org.gdal.gdal.gdal;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The paths taken for stores that are not local files (as {@code s3a:}): rasters reach GDAL
 * through {@code /vsimem} and outputs through {@link Storage#publish}. Hadoop's {@code viewfs}
 * is such a store, mounted here on a temporary folder; the S3 fixture covers {@code s3a:}.
 */
class NonLocalStoreTest {
    private static final Path SCENE =
            Fixtures.data().resolve("sentinel2/s2_l1c_13band_svn_20150711.tif");

    @TempDir
    Path dir;
    private Storage storage;
    private String root;

    @BeforeEach
    void mountTheFolder() throws IOException {
        Files.copy(SCENE, dir.resolve("scene_20150711.tif"));
        Files.writeString(dir.resolve("broken.tif"), "not a raster");
        // Hadoop caches file systems per JVM by scheme and authority, not by settings: each
        // test mounts its own folder under its own authority.
        String mountTable = "t" + UUID.randomUUID().toString().replace("-", "");
        storage = Storage.of(Map.of("fs.viewfs.mounttable." + mountTable + ".link./data",
                dir.toUri().toString()));
        root = "viewfs://" + mountTable + "/data";
    }

    @Test
    void readsWritesAndScansThroughTheStore() {
        Raster local = GdalRasters.read("svn", SCENE.toString(), Storage.local());

        Raster remote = GdalRasters.read("svn", root + "/scene_20150711.tif", storage);
        GdalRasters.writeCog(remote, root + "/out/svn.tif", storage,
                RasterDataType.FLOAT32);
        ScanResult scan = new CatalogScanner().scan(root + "/out", storage);

        TileRecord tile = scan.tiles().get(0);
        assertAll(
                () -> assertEquals(local.bandNames(), remote.bandNames()),
                () -> assertArrayEquals(local.bands()[3], remote.bands()[3]),
                () -> assertTrue(Files.exists(dir.resolve("out/svn.tif"))),
                () -> assertEquals(root + "/out/svn.tif", tile.href()),
                () -> assertEquals(32633, tile.epsg()),
                () -> assertEquals(List.of(), memoryFiles(), "/vsimem files must be unlinked"));
    }

    @Test
    void anUnreadableRemoteFileNamesTheUriAndLeavesNoMemoryFile() {
        TileReadException e = assertThrows(TileReadException.class,
                () -> GdalRasters.read("b", root + "/broken.tif", storage));
        TileReadException missing = assertThrows(TileReadException.class,
                () -> GdalRasters.read("m", root + "/missing.tif", storage));

        assertAll(
                () -> assertTrue(e.getMessage().contains(root + "/broken.tif"),
                        e.getMessage()),
                () -> assertTrue(missing.getMessage().contains("no such file"),
                        missing.getMessage()),
                () -> assertEquals(List.of(), memoryFiles()));
    }

    private static List<String> memoryFiles() {
        Vector<?> names = gdal.ReadDir("/vsimem");
        return names == null ? List.of()
                : names.stream().map(String::valueOf)
                        .filter(name -> name.startsWith("diffusionsat-")).toList();
    }
}
