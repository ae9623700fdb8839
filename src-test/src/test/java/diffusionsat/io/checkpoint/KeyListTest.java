package diffusionsat.io.checkpoint;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import diffusionsat.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The shared key lists (shared/docs/diffusionsat-keys) parse into name → shape maps. */
class KeyListTest {
    @ParameterizedTest(name = "{0}: {1} keys")
    @CsvSource({"satunet_keys.tsv, 714", "controlnet3d_keys.tsv, 484",
                "controlnet_fmow_sr_keys.tsv, 368"})
    void sharedKeyListsHaveAllTheirEntries(String file, int entries) {
        assertEquals(entries, KeyList.read(Fixtures.keys().resolve(file)).size());
    }

    @Test
    void satUnetShapesAndOrderAreKept() {
        Map<String, long[]> keys = KeyList.read(Fixtures.keys().resolve("satunet_keys.tsv"));
        assertAll(() -> assertEquals("conv_in.weight", keys.keySet().iterator().next()),
                  () -> assertArrayEquals(new long[] {320, 4, 3, 3}, keys.get("conv_in.weight")),
                  () -> assertArrayEquals(new long[] {1280, 320},
                          keys.get("time_embedding.linear_1.weight")),
                  () -> assertArrayEquals(new long[] {4}, keys.get("conv_out.bias")));
    }

    @Test
    void malformedLineIsAnErrorNamingFileAndLine(@TempDir Path dir) throws IOException {
        Path tsv = dir.resolve("bad_keys.tsv");
        Files.write(tsv, List.of("a.weight\t[2, 3]", "b.weight\t2, 3"));
        CheckpointFormatException e = assertThrows(CheckpointFormatException.class,
                () -> KeyList.read(tsv));
        assertAll(() -> assertTrue(e.getMessage().contains(tsv.toString()), e.getMessage()),
                  () -> assertTrue(e.getMessage().contains("line 2"), e.getMessage()));
    }
}
