package diffusionsat.io.checkpoint;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import diffusionsat.io.StorageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The copy-once cache behind {@code s3a://} checkpoints, driven through Hadoop's local
 * FileSystem ({@code file://} URI): the same code path as S3A minus the network, which the S3
 * integration test covers.
 */
class RemoteFolderCacheTest {
    @TempDir
    Path source;

    @TempDir
    Path cache;

    @Test
    void folderIsCopiedOnceAndThenServedFromTheCache() throws IOException {
        ObjectMapper json = new ObjectMapper();
        DiffusersFolder.write(source, json.readTree("{\"unet\": [\"diffusers\", \"SatUNet\"]}"),
                Map.of("unet", json.createObjectNode().put("in_channels", 4)),
                Map.of("unet", StateDict.of(List.of(
                        HostTensor.ofFloats("conv_in.bias", new long[] {2}, new float[] {1, 2})))));
        Files.createDirectories(source.resolve("tokenizer"));
        Files.writeString(source.resolve("tokenizer/vocab.json"), "{}");
        String uri = source.toUri().toString();

        Path copy = RemoteFolderCache.localCopy(uri, new Configuration(), cache);
        Files.writeString(source.resolve("tokenizer/vocab.json"), "{\"changed\": 1}");
        Path again = RemoteFolderCache.localCopy(uri, new Configuration(), cache);

        assertAll(() -> assertEquals(copy, again),
                  () -> assertEquals(relativeFiles(source), relativeFiles(copy).stream()
                          .filter(f -> !f.equals(RemoteFolderCache.COMPLETE_MARKER)).toList()),
                  () -> assertEquals("{}", Files.readString(copy.resolve("tokenizer/vocab.json")),
                          "the second open must not copy again"),
                  () -> assertEquals(4, DiffusersFolder.open(copy.toString()).config("unet")
                          .path("in_channels").asInt()),
                  () -> assertEquals(List.of(copy), list(cache), "no staging folder is left"));
    }

    @Test
    void emptyOrAbsentRemoteFolderIsAStorageErrorNamingIt() {
        String uri = source.resolve("absent").toUri().toString();
        StorageException e = assertThrows(StorageException.class,
                () -> RemoteFolderCache.localCopy(uri, new Configuration(), cache));
        assertAll(() -> assertTrue(e.getMessage().contains(uri), e.getMessage()),
                  () -> assertEquals(List.of(), list(cache), "no partial copy is left"));
    }

    @Test
    void aDamagedCopyIsNeitherUsedNorDeletedAndConcurrentCopiesAgree() throws Exception {
        Files.writeString(source.resolve("weights.bin"), "0123456789");
        String uri = source.toUri().toString();
        Path first = RemoteFolderCache.localCopy(uri, new Configuration(), cache);
        Files.writeString(first.resolve("weights.bin"), "0123");       // a truncated file

        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Path>> copies = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                copies.add(pool.submit(() -> RemoteFolderCache.localCopy(uri,
                        new Configuration(), cache)));
            }
            List<Path> paths = new ArrayList<>();
            for (Future<Path> copy : copies) {
                paths.add(copy.get());
            }
            Path fresh = paths.get(0);
            assertAll(() -> assertEquals(List.of(fresh, fresh, fresh, fresh), paths),
                    () -> assertEquals(first.getFileName() + ".1",
                            fresh.getFileName().toString()),
                    () -> assertEquals("0123456789",
                            Files.readString(fresh.resolve("weights.bin"))),
                    () -> assertTrue(RemoteFolderCache.isComplete(fresh)),
                    () -> assertEquals("0123", Files.readString(first.resolve("weights.bin")),
                            "a task may still read the old copy: it is left alone"),
                    () -> assertEquals(2, list(cache).size(), "no staging folder is left"));
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<String> relativeFiles(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .map(f -> root.relativize(f).toString())
                    .sorted()
                    .toList();
        }
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.toList();
        }
    }
}
