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
import java.util.List;
import java.util.Map;
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
