package diffusionsat.io.stac;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import diffusionsat.io.raster.GdalRasters;
import diffusionsat.io.storage.Storage;
import diffusionsat.testing.Fixtures;
import diffusionsat.testing.StacSamples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code conf/samples/stac/} is what {@link StacSamples} makes of the bundled tiles: the same
 * items and the same pixels. {@code -Dstac.samples.write=conf/samples/stac} rewrites it.
 */
class StacSamplesTest {
    private static final Path COMMITTED = Fixtures.projectRoot().resolve("conf/samples/stac");

    @Test
    void committedSampleIsTheGeneratorsOutput(@TempDir Path dir) throws IOException {
        String target = System.getProperty("stac.samples.write");
        if (target != null) {
            StacSamples.write(Fixtures.projectRoot().resolve(target));
        }
        StacSamples.write(dir);
        ObjectMapper json = new ObjectMapper();
        assertEquals(json.readTree(dir.resolve("items.json").toFile()),
                json.readTree(COMMITTED.resolve("items.json").toFile()), "items.json");
        List<Path> rasters;
        try (Stream<Path> files = Files.walk(dir)) {
            rasters = files.filter(p -> p.toString().endsWith(".tif")).sorted().toList();
        }
        assertEquals(2 * 12, rasters.size(), "12 bands (no B10) per item");
        Storage storage = Storage.local();
        assertAll(rasters.stream().map(made -> () -> {
            Path committed = COMMITTED.resolve(dir.relativize(made).toString());
            assertArrayEquals(GdalRasters.read("made", made.toString(), storage).bands()[0],
                    GdalRasters.read("committed", committed.toString(), storage).bands()[0],
                    made.toString());
        }));
    }
}
