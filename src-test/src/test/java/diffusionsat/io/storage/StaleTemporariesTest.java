package diffusionsat.io.storage;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rerun removes the temporaries killed JVMs left (issue 13): only Storage's temporary names,
 * only those older than the rerun's start.
 */
class StaleTemporariesTest {
    private static final String UUID_A = "0f8e9a3c-1b2d-4e5f-8a9b-0c1d2e3f4a5b";
    private static final String UUID_B = "9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d";

    @TempDir
    Path dir;

    @Test
    void onlyOldTemporaryNamesAreDeleted() throws Exception {
        Path tiles = Files.createDirectories(dir.resolve("superres/r1/tiles"));
        Instant start = Instant.now();
        Path killed = touch(tiles.resolve(".t1.tif.tmp-" + UUID_A), start.minusSeconds(600));
        Path running = touch(tiles.resolve(".t2.tif.tmp-" + UUID_B), start.plusSeconds(5));
        Path output = touch(tiles.resolve("t1.tif"), start.minusSeconds(600));
        Path notOurs = touch(tiles.resolve(".t3.tif.tmp-notauuid"), start.minusSeconds(600));
        Path visible = touch(tiles.resolve("t4.tif.tmp-" + UUID_A), start.minusSeconds(600));

        int deleted = StaleTemporaries.delete(Storage.local(), dir.resolve("superres/r1")
                .toString(), start);
        try (Stream<Path> left = Files.list(tiles)) {
            List<Path> kept = left.sorted().toList();
            assertAll(() -> assertEquals(1, deleted),
                    () -> assertEquals(Stream.of(running, notOurs, output, visible).sorted()
                            .toList(), kept),
                    () -> assertEquals(false, Files.exists(killed)),
                    () -> assertEquals(0, StaleTemporaries.delete(Storage.local(),
                            dir.resolve("superres/first-run").toString(), start)));
        }
    }

    @Test
    void storagesOwnTemporaryNamesMatchThePattern() {
        assertAll(() -> assertEquals(true, Storage.isTemporaryName(".a.tif.tmp-" + UUID_A)),
                () -> assertEquals(false, Storage.isTemporaryName("a.tif")),
                () -> assertEquals(false, Storage.isTemporaryName(".a.tif")));
    }

    private static Path touch(Path file, Instant modified) throws Exception {
        Files.writeString(file, "x");
        Files.setLastModifiedTime(file, FileTime.from(modified));
        return file;
    }
}
