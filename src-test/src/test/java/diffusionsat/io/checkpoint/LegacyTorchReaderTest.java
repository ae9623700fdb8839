package diffusionsat.io.checkpoint;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import diffusionsat.testing.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The legacy (pre-1.6, non-zip) torch.save format, from files torch 1.13 wrote
 * ({@code resources/checkpoint/make_legacy.py}): it reads to exactly what the zip format of the
 * same dict reads to, and cut, tar-era or malicious files fail naming the file.
 */
class LegacyTorchReaderTest {
    private static final Path DATA = Fixtures.projectRoot()
            .resolve("src-test/src/test/resources/checkpoint");

    @TempDir
    Path dir;

    @Test
    void legacyEqualsZipTensorByTensor() {
        StateDict legacy = WeightFiles.read(DATA.resolve("state_legacy.pth"));
        StateDict zip = WeightFiles.read(DATA.resolve("state_zip.pth"));
        List<Executable> checks = new ArrayList<>();
        checks.add(() -> assertEquals(List.copyOf(zip.names()), List.copyOf(legacy.names())));
        for (HostTensor expected : zip) {
            // HostTensor equality is name, dtype, shape and every byte: a loader has no tolerance.
            checks.add(() -> assertEquals(expected, legacy.get(expected.name())));
        }
        assertAll(checks);
    }

    @Test
    void dtypesViewsAndScalarsComeOutAsTorchHadThem() {
        StateDict dict = WeightFiles.read(DATA.resolve("state_legacy.pth"));
        float[] weight = dict.get("proj.weight").toFloatArray();               // (3, 4)
        float[] transposed = new float[12];                                    // (4, 3)
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 4; j++) {
                transposed[j * 3 + i] = weight[i * 4 + j];
            }
        }
        Map<String, TensorDType> dtypes = Map.of("conv.weight", TensorDType.F32,
                "conv.bias", TensorDType.F16, "stats.mean", TensorDType.F64,
                "bn.num_batches_tracked", TensorDType.I64, "emb.weight", TensorDType.BF16);
        List<Executable> checks = new ArrayList<>();
        dtypes.forEach((name, dtype) -> checks.add(
                () -> assertEquals(dtype, dict.get(name).dtype(), name)));
        // make_legacy.py: base = arange(10) * 0.5 - 1; shared.a = base[2:5],
        // shared.b = base[5:9].view(2, 2); proj.weight_t = proj.weight.t().
        checks.add(() -> assertArrayEquals(new float[] {0f, 0.5f, 1f},
                dict.get("shared.a").toFloatArray()));
        checks.add(() -> assertArrayEquals(new long[] {2, 2}, dict.get("shared.b").shape()));
        checks.add(() -> assertArrayEquals(new float[] {1.5f, 2f, 2.5f, 3f},
                dict.get("shared.b").toFloatArray()));
        checks.add(() -> assertArrayEquals(new long[] {4, 3}, dict.get("proj.weight_t").shape()));
        checks.add(() -> assertArrayEquals(transposed, dict.get("proj.weight_t").toFloatArray()));
        checks.add(() -> assertArrayEquals(new long[0], dict.get("scale").shape()));
        checks.add(() -> assertArrayEquals(new float[] {0.25f}, dict.get("scale").toFloatArray()));
        checks.add(() -> assertArrayEquals(new float[] {7f},
                dict.get("bn.num_batches_tracked").toFloatArray()));
        assertAll(checks);
    }

    @Test
    void plainOrderedDictLikeLpipsHeadsReads() {
        StateDict legacy = WeightFiles.read(DATA.resolve("lpips_like.pth"));
        StateDict zip = WeightFiles.read(DATA.resolve("lpips_like_zip.pth"));
        assertAll(() -> assertEquals(List.of("lin0.model.1.weight", "lin1.model.1.weight"),
                        List.copyOf(legacy.names())),
                  () -> assertArrayEquals(new long[] {1, 6, 1, 1},
                        legacy.get("lin1.model.1.weight").shape()),
                  () -> assertEquals(zip.get("lin0.model.1.weight"),
                        legacy.get("lin0.model.1.weight")),
                  () -> assertEquals(zip.get("lin1.model.1.weight"),
                        legacy.get("lin1.model.1.weight")));
    }

    @Test
    void storageViewsAndV1TensorsOfOldTorchRead() {
        // make_legacy.py: root R = arange(6); "part" = offset 1, shape (2,) into view (2, 3) of R;
        // "old" = _rebuild_tensor(R, 4, (2,), (1,)). torch 1.13's torch.load reads [3, 4], [4, 5].
        StateDict dict = WeightFiles.read(DATA.resolve("storage_view.pth"));
        assertAll(() -> assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5},
                        dict.get("whole").toFloatArray()),
                  () -> assertArrayEquals(new float[] {3, 4}, dict.get("part").toFloatArray()),
                  () -> assertArrayEquals(new float[] {4, 5}, dict.get("old").toFloatArray()));
    }

    @Test
    void storageCountDisagreeingWithItsPersistentIdIsAnError() {
        // torch.load refuses it too ("storage has wrong byte size").
        Path file = DATA.resolve("bad_count.pth");
        CheckpointFormatException e = assertThrows(CheckpointFormatException.class,
                () -> WeightFiles.read(file));
        assertAll(() -> assertTrue(e.getMessage().contains(file.toString()), e.getMessage()),
                  () -> assertTrue(e.getMessage().contains("persistent id says"),
                          e.getMessage()));
    }

    @ParameterizedTest(name = "keep {0} of the bytes")
    @ValueSource(doubles = {0.001, 0.05, 0.1, 0.5, 0.75, 0.8, 0.9, 0.999})
    void truncatedLegacyFileNamesTheFile(double kept) throws IOException {
        byte[] whole = Files.readAllBytes(DATA.resolve("state_legacy.pth"));
        Path file = dir.resolve("cut.pth");
        Files.write(file, Arrays.copyOf(whole, (int) (whole.length * kept)));

        CheckpointFormatException e = assertThrows(CheckpointFormatException.class,
                () -> WeightFiles.read(file));
        assertAll(() -> assertTrue(e.getMessage().contains(file.toString()), e.getMessage()),
                  () -> assertTrue(e.getMessage().contains("truncated"), e.getMessage()));
    }

    @Test
    void maliciousLegacyPickleIsRefusedByNameAndNeverRuns() throws IOException {
        Path marker = dir.resolve("pwned");
        Path file = dir.resolve("evil_legacy.pth");
        Files.write(file, withCommand(Files.readAllBytes(DATA.resolve("evil_legacy.pth")),
                "touch " + marker));

        CheckpointFormatException e = assertThrows(CheckpointFormatException.class,
                () -> WeightFiles.read(file));
        // Python pickles os.system as posix.system on Linux.
        assertAll(() -> assertTrue(e.getMessage().contains("posix.system"), e.getMessage()),
                  () -> assertTrue(e.getMessage().contains(file.toString()), e.getMessage()),
                  () -> assertFalse(Files.exists(marker), "the payload must never run"));
    }

    @Test
    void torchTarFormatIsNamedInTheError() {
        Path file = DATA.resolve("old_tar.pth");
        CheckpointFormatException e = assertThrows(CheckpointFormatException.class,
                () -> WeightFiles.read(file));
        assertAll(() -> assertTrue(e.getMessage().contains("tar"), e.getMessage()),
                  () -> assertTrue(e.getMessage().contains("torch < 0.4"), e.getMessage()),
                  () -> assertTrue(e.getMessage().contains(file.toString()), e.getMessage()));
    }

    /**
     * The fixture's exploit command is "touch MARKER" padded with spaces to 256 bytes; {@code
     * command}, padded the same, takes its place so the pickled string keeps its length.
     */
    private static byte[] withCommand(byte[] evil, String command) {
        byte[] placeholder = "touch MARKER".getBytes(StandardCharsets.US_ASCII);
        int at = indexOf(evil, placeholder);
        byte[] padded = String.format("%-256s", command).getBytes(StandardCharsets.US_ASCII);
        assertTrue(at >= 0 && padded.length == 256, "fixture placeholder or marker path");
        byte[] out = evil.clone();
        System.arraycopy(padded, 0, out, at, padded.length);
        return out;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }
}
