package diffusionsat.io.storage;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import diffusionsat.io.StorageException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorageTest {
    private final Storage storage = Storage.local();

    @Test
    void publishLeavesOnlyTheFinalFileAndReplacesAnOldOne(@TempDir Path dir) throws IOException {
        Path source = Files.writeString(dir.resolve("source.bin"), "new content");
        Path outputs = dir.resolve("out/tiles");
        Files.createDirectories(outputs);
        Files.writeString(outputs.resolve("a.tif"), "old content");

        storage.publish(source, outputs.resolve("a.tif").toString());

        assertAll(
                () -> assertEquals(List.of("a.tif"), namesIn(outputs),
                        "no temporary or checksum file may remain beside the output"),
                () -> assertEquals("new content", Files.readString(outputs.resolve("a.tif"))),
                () -> assertTrue(Files.exists(source), "the local source stays"));
    }

    @Test
    void publishCreatesMissingFoldersAndAcceptsFileUris(@TempDir Path dir) throws IOException {
        Path source = Files.writeString(dir.resolve("source.bin"), "x");
        String target = dir.resolve("a/b/c.tif").toUri().toString(); // file:///.../c.tif

        storage.publish(source, target);

        assertEquals("x", Files.readString(dir.resolve("a/b/c.tif")));
    }

    @Test
    void writeStringUsesTheSameAtomicRule(@TempDir Path dir) throws IOException {
        storage.writeString(dir.resolve("run/_SUCCESS").toString(), "done");
        storage.writeString(dir.resolve("run/_SUCCESS").toString(), "again");

        assertAll(
                () -> assertEquals(List.of("_SUCCESS"), namesIn(dir.resolve("run"))),
                () -> assertEquals("again", Files.readString(dir.resolve("run/_SUCCESS"))));
    }

    @Test
    void listIsRecursiveSortedFilteredAndSkipsHiddenFiles(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("sub/deeper"));
        Files.createDirectories(dir.resolve("_temporary"));
        for (String name : List.of("b.tif", "a.TIFF", "sub/c.tif", "sub/deeper/d.tif",
                "notes.txt", ".e.tif.tmp-1", "_temporary/f.tif", ".g.tif")) {
            Files.writeString(dir.resolve(name), name);
        }
        String root = dir.toString();

        List<String> listed = storage.list(root, ".tif", ".tiff");

        assertEquals(List.of(root + "/a.TIFF", root + "/b.tif", root + "/sub/c.tif",
                root + "/sub/deeper/d.tif"), listed);
    }

    @Test
    void listKeepsTheFormOfTheFolderUri(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("a.tif"), "a");
        String folder = dir.toUri().toString(); // file:///.../ with a trailing slash

        assertEquals(List.of(folder + "a.tif"), storage.list(folder, ".tif"));
    }

    @Test
    void readAllBytesReturnsTheContentAndNamesAMissingFile(@TempDir Path dir) throws IOException {
        Path file = Files.write(dir.resolve("data.bin"), new byte[] {1, 2, 3});
        String missing = dir.resolve("missing.bin").toString();

        StorageException e = assertThrows(StorageException.class,
                () -> storage.readAllBytes(missing));

        assertAll(
                () -> assertArrayEquals(new byte[] {1, 2, 3},
                        storage.readAllBytes(file.toString())),
                () -> assertTrue(e.getMessage().contains(missing), e.getMessage()));
    }

    @Test
    void existsAndDeleteWorkOnFilesAndFolders(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("f/g"));
        Files.writeString(dir.resolve("f/g/h.txt"), "h");
        String folder = dir.resolve("f").toString();

        assertTrue(storage.exists(folder + "/g/h.txt"));
        storage.delete(folder);
        assertAll(
                () -> assertFalse(storage.exists(folder)),
                () -> assertFalse(Files.exists(dir.resolve("f"))));
    }

    @Test
    void resolveKeepsAbsoluteHrefsAndJoinsRelativeOnes() {
        assertAll(
                () -> assertEquals("s3a://bucket/cat/tiles/a.tif",
                        storage.resolve("s3a://bucket/cat/", "tiles/a.tif")),
                () -> assertEquals("/data/a.tif", storage.resolve("/cat", "/data/a.tif")),
                () -> assertEquals("s3a://other/a.tif",
                        storage.resolve("/cat", "s3a://other/a.tif")),
                () -> assertEquals("file:/x/a.tif", storage.resolve("/cat", "file:/x/a.tif")));
    }

    @Test
    void localFileIsKnownOnlyForLocalUris() {
        assertAll(
                () -> assertEquals(Path.of("/tmp/a.tif"),
                        Storage.localFile("/tmp/a.tif").orElseThrow()),
                () -> assertEquals(Path.of("/tmp/a.tif"),
                        Storage.localFile("file:///tmp/a.tif").orElseThrow()),
                () -> assertTrue(Storage.localFile("s3a://bucket/a.tif").isEmpty()));
    }

    @Test
    void settingsSurviveSerialisation() throws IOException, ClassNotFoundException {
        Storage configured = Storage.of(Map.of("fs.s3a.endpoint", "http://127.0.0.1:9000"));
        configured.configuration(); // a built Configuration must not break serialisation

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(configured);
        }
        Storage copy;
        try (ObjectInputStream in = new ObjectInputStream(
                new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (Storage) in.readObject();
        }

        assertEquals("http://127.0.0.1:9000", copy.configuration().get("fs.s3a.endpoint"));
    }

    @Test
    void childNamesListsFilesAndFolders(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("year=2015"));
        Files.write(dir.resolve("_SUCCESS"), "".getBytes(StandardCharsets.UTF_8));

        assertEquals(List.of("_SUCCESS", "year=2015"), storage.childNames(dir.toString()));
    }

    private static List<String> namesIn(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
