package diffusionsat.io.storage;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Output names fit every store; unusable ids are refused with the cause (issue 13, names). */
class OutputNamesTest {
    private static final String LONG_ID = "S2A_MSIL1C_" + "x".repeat(240);

    @Test
    void idsUpToTheCapAreTheirOwnNames() {
        String id = "a".repeat(OutputNames.MAX_ID_LENGTH);
        assertAll(() -> assertEquals("tile-1.tif", OutputNames.fileName("tile-1", ".tif")),
                () -> assertEquals(id, OutputNames.key(id)));
    }

    @Test
    void longIdsGetAStableShortenedNameWithAHashSuffix() {
        String key = OutputNames.key(LONG_ID);
        String sibling = OutputNames.key(LONG_ID.substring(0, LONG_ID.length() - 1) + "y");
        assertAll(
                () -> assertEquals(OutputNames.MAX_ID_LENGTH + 1, key.length(),
                        "one longer than any literal name, so never another id's"),
                () -> assertTrue(key.startsWith(LONG_ID.substring(0, 100)), key),
                () -> assertTrue(key.matches(".*-[0-9a-f]{16}"), key),
                () -> assertEquals(key, OutputNames.key(LONG_ID), "stable"),
                () -> assertNotEquals(key, sibling, "ids sharing a prefix stay apart"),
                () -> assertTrue(OutputNames.fileName(LONG_ID, ".uncertainty.tif")
                        .getBytes(StandardCharsets.UTF_8).length + 42 < 255,
                        "fits 255 bytes with the temporary wrapper"));
    }

    @ParameterizedTest(name = "\"{0}\": {1}")
    @CsvSource(delimiter = '|', value = {
        "''|no id",
        "a/../b|must match",
        "caf\u00e9|must match",
        ".hidden|hidden",
        "..|hidden"})
    void unusableIdsAreRefusedWithTheCause(String id, String cause) {
        Optional<String> problem = OutputNames.problem(id);
        assertTrue(problem.isPresent() && problem.get().contains(cause), problem.toString());
    }

    @Test
    void runIdsAreNeverShortenedButRefusedWhenTooLong() {
        assertAll(() -> assertEquals(Optional.empty(), OutputNames.folderProblem("nightly-1")),
                () -> assertTrue(OutputNames.folderProblem("r".repeat(181)).orElseThrow()
                        .contains("longer than 180")));
    }

    @Test
    void publishingUnderAName255BytesLongLeavesOnlyTheFile(@TempDir Path dir) throws IOException {
        Path source = Files.writeString(dir.resolve("source"), "content");
        String name = "n".repeat(251) + ".tif";
        Storage.local().publish(source, dir.resolve("out").resolve(name).toString());
        Storage.local().writeString(dir.resolve("out").resolve("t".repeat(250) + ".json")
                .toString(), "{}");
        try (Stream<Path> files = Files.list(dir.resolve("out"))) {
            assertEquals(List.of(name, "t".repeat(250) + ".json"), files
                    .map(p -> p.getFileName().toString()).sorted().toList());
        }
    }
}
