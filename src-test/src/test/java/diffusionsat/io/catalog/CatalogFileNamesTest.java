package diffusionsat.io.catalog;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import diffusionsat.io.raster.GdalRasters;
import diffusionsat.io.raster.GeoTransform;
import diffusionsat.io.raster.Raster;
import diffusionsat.io.storage.Storage;
import diffusionsat.testing.Fixtures;
import diffusionsat.testing.TestRasters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every raster-like file under the input ends as a tile or a rejection with its cause: hidden
 * files, dot-only names, links (dangling or not), non-UTF-8 names, missing or sheared
 * geotransforms (issue 13).
 */
class CatalogFileNamesTest {
    private static final Path SAMPLE = Fixtures.projectRoot()
            .resolve("conf/samples/sentinel2/s2_l1c_13band_svn_20150711.tif");

    @Test
    void unusualNamesAreCataloguedOrRejectedWithTheCauseNeverSkipped(@TempDir Path dir)
            throws IOException, InterruptedException {
        Files.copy(SAMPLE, dir.resolve("good.tif"));
        Files.copy(SAMPLE, dir.resolve(".hidden.tif"));
        Files.createDirectories(dir.resolve(".cache"));
        Files.copy(SAMPLE, dir.resolve(".cache/inside.tif"));
        Files.copy(SAMPLE, dir.resolve("...tif"));
        Files.copy(SAMPLE, dir.resolve("_underscore.tif"));
        Files.createSymbolicLink(dir.resolve("link.tif"), dir.resolve("good.tif"));
        Files.createSymbolicLink(dir.resolve("dangling.tif"), dir.resolve("missing.tif"));
        // Java writes names as UTF-8: the shell makes one with a Latin-1 byte (0xE9).
        Process cp = new ProcessBuilder("sh", "-c", "cp good.tif \"$(printf 'caf\\351.tif')\"")
                .directory(dir.toFile()).inheritIO().start();
        assertEquals(0, cp.waitFor());
        Raster sample = GdalRasters.read("s", SAMPLE.toString(), Storage.local());
        write(sample, new GeoTransform(0, 1, 0, 0, 0, 1), dir.resolve("no-geotransform.tif"));
        write(sample, new GeoTransform(465181, 10, 4, 5080254, 0, -10), dir.resolve("sheared.tif"));
        write(sample, new GeoTransform(1e300, 10, 0, -1e300, 0, -10), dir.resolve("far.tif"));

        ScanResult result = new CatalogScanner().scan(dir.toString(), Storage.local());

        List<String> ids = result.tiles().stream().map(TileRecord::id).sorted().toList();
        Map<String, String> causes = result.failures().stream().collect(Collectors.toMap(
                f -> f.uri().substring(dir.toString().length() + 1), ScanFailure::cause));
        assertAll(
                () -> assertEquals(List.of("_underscore", "good", "link"), ids),
                () -> assertEquals(11, ids.size() + causes.size(), "every file accounted for: "
                        + causes),
                () -> assertCause(causes, ".hidden.tif", "hidden file"),
                () -> assertCause(causes, ".cache/inside.tif", "hidden file"),
                () -> assertCause(causes, "...tif", "only dots"),
                () -> assertCause(causes, "dangling.tif", "dangling symbolic link"),
                () -> assertCause(causes, "caf\uFFFD.tif", "not valid UTF-8"),
                () -> assertCause(causes, "no-geotransform.tif", "no geotransform"),
                () -> assertCause(causes, "sheared.tif", "sheared"),
                () -> assertCause(causes, "far.tif", "cannot place the raster on the globe"));
    }

    private static void write(Raster sample, GeoTransform transform, Path file) {
        TestRasters.write(new Raster(sample.width(), sample.height(), sample.bandNames(),
                sample.bands(), transform, sample.crsWkt(), sample.noData()), file);
    }

    private static void assertCause(Map<String, String> causes, String file, String cause) {
        String found = causes.get(file);
        assertTrue(found != null && found.contains(cause), file + ": " + found + " in "
                + causes.keySet());
    }
}
