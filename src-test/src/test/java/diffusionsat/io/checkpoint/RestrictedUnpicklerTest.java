package diffusionsat.io.checkpoint;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * torch.save zips built by hand ({@link PickleBytes}): the strided views and storage types torch
 * writes are rebuilt exactly, and a pickle that would run code is refused by name without running.
 */
class RestrictedUnpicklerTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}.{1}")
    @CsvSource({"os, system", "posix, system", "builtins, eval", "builtins, exec",
                "subprocess, call"})
    void globalThatWouldRunCodeIsRefusedByNameAndNeverRuns(String module, String name) {
        Path marker = dir.resolve("pwned");
        String payload = module.equals("builtins")
                ? "__import__('os').system('touch " + marker + "')" : "touch " + marker;
        // data.pkl = module.name(payload), the classic pickle exploit: GLOBAL, args tuple, REDUCE.
        byte[] pickle = new PickleBytes().proto(2).global(module, name)
                .mark().string(payload).tuple().reduce().stop().bytes();
        Path file = dir.resolve("evil.bin");
        PickleBytes.writeZip(file, "archive", pickle, Map.of());

        CheckpointFormatException e = assertThrows(CheckpointFormatException.class,
                () -> WeightFiles.read(file));
        assertAll(() -> assertTrue(e.getMessage().contains(module + "." + name), e.getMessage()),
                  () -> assertTrue(e.getMessage().contains(file.toString()), e.getMessage()),
                  () -> assertFalse(Files.exists(marker), "the payload must never run"));
    }

    @Test
    void stackGlobalIsCheckedLikeGlobal() {
        Path marker = dir.resolve("pwned");
        byte[] pickle = new PickleBytes().proto(4).shortString("os").shortString("system")
                .op(0x93).mark().string("touch " + marker).tuple().reduce().stop().bytes();
        Path file = dir.resolve("evil4.bin");
        PickleBytes.writeZip(file, "archive", pickle, Map.of());

        CheckpointFormatException e = assertThrows(CheckpointFormatException.class,
                () -> WeightFiles.read(file));
        assertAll(() -> assertTrue(e.getMessage().contains("os.system"), e.getMessage()),
                  () -> assertFalse(Files.exists(marker)));
    }

    @Test
    void objectBuildingOpcodesAreRefused() {
        // NEWOBJ (0x81) would instantiate any class; even with an allowed global it is refused.
        byte[] pickle = new PickleBytes().proto(2).global("collections", "OrderedDict")
                .emptyTuple().op(0x81).stop().bytes();
        Path file = dir.resolve("newobj.bin");
        PickleBytes.writeZip(file, "archive", pickle, Map.of());

        CheckpointFormatException e = assertThrows(CheckpointFormatException.class,
                () -> WeightFiles.read(file));
        assertTrue(e.getMessage().contains("opcode 0x81"), e.getMessage());
    }

    @Test
    void stridedViewWithOffsetIsMadeContiguous() {
        // Storage 0..11; view offset 1, shape (2, 3), stride (1, 2): a transposed slice, as
        // torch.save writes for a non-contiguous tensor. Element [i][j] = 1 + i + 2j.
        byte[] pickle = new PickleBytes().beginStateDict()
                .tensorEntry("w", "FloatStorage", "0", 12, 1, new long[] {2, 3}, new long[] {1, 2})
                .tensorEntry("b", "FloatStorage", "0", 12, 10, new long[] {2}, new long[] {1})
                .endStateDict().bytes();
        Path file = dir.resolve("strided.bin");
        PickleBytes.writeZip(file, "model", pickle, Map.of("0", floats(12, i -> i)));

        StateDict dict = WeightFiles.read(file);
        assertAll(() -> assertEquals(List.of("w", "b"), List.copyOf(dict.names())),
                  () -> assertArrayEquals(new long[] {2, 3}, dict.get("w").shape()),
                  () -> assertArrayEquals(new float[] {1, 3, 5, 2, 4, 6},
                          dict.get("w").toFloatArray()),
                  () -> assertArrayEquals(new float[] {10, 11}, dict.get("b").toFloatArray()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"HalfStorage, F16, 15360, 1.0", "BFloat16Storage, BF16, 16256, 1.0",
                "HalfStorage, F16, 49152, -2.0", "BFloat16Storage, BF16, 16544, 5.0"})
    void halfStoragesKeepTheirTypeAndWiden(String storageClass, TensorDType dtype, int bits,
            float value) {
        byte[] pickle = new PickleBytes().beginStateDict()
                .tensorEntry("h", storageClass, "0", 1, 0, new long[] {1}, new long[] {1})
                .endStateDict().bytes();
        Path file = dir.resolve("half.bin");
        PickleBytes.writeZip(file, "archive", pickle,
                Map.of("0", new byte[] {(byte) bits, (byte) (bits >>> 8)}));

        HostTensor tensor = WeightFiles.read(file).get("h");
        assertAll(() -> assertEquals(dtype, tensor.dtype()),
                  () -> assertArrayEquals(new float[] {value}, tensor.toFloatArray()));
    }

    @Test
    void shortStorageIsAnErrorNamingTheTensor() {
        byte[] pickle = new PickleBytes().beginStateDict()
                .tensorEntry("conv.weight", "FloatStorage", "7", 8, 0, new long[] {8},
                        new long[] {1})
                .endStateDict().bytes();
        Path file = dir.resolve("short.bin");
        PickleBytes.writeZip(file, "archive", pickle, Map.of("7", floats(5, i -> i)));

        CheckpointFormatException e = assertThrows(CheckpointFormatException.class,
                () -> WeightFiles.read(file));
        assertAll(() -> assertTrue(e.getMessage().contains("conv.weight"), e.getMessage()),
                  () -> assertTrue(e.getMessage().contains(file.toString()), e.getMessage()));
    }

    @Test
    void viewPastItsStorageIsAnErrorNamingTheTensor() {
        byte[] pickle = new PickleBytes().beginStateDict()
                .tensorEntry("proj.bias", "FloatStorage", "0", 4, 2, new long[] {4},
                        new long[] {1})
                .endStateDict().bytes();
        Path file = dir.resolve("past.bin");
        PickleBytes.writeZip(file, "archive", pickle, Map.of("0", floats(4, i -> i)));

        CheckpointFormatException e = assertThrows(CheckpointFormatException.class,
                () -> WeightFiles.read(file));
        assertTrue(e.getMessage().contains("proj.bias"), e.getMessage());
    }

    @Test
    void missingStorageEntryIsAnErrorNamingTheTensor() {
        byte[] pickle = new PickleBytes().beginStateDict()
                .tensorEntry("norm.weight", "FloatStorage", "3", 2, 0, new long[] {2},
                        new long[] {1})
                .endStateDict().bytes();
        Path file = dir.resolve("nostorage.bin");
        PickleBytes.writeZip(file, "archive", pickle, new LinkedHashMap<>());

        CheckpointFormatException e = assertThrows(CheckpointFormatException.class,
                () -> WeightFiles.read(file));
        assertAll(() -> assertTrue(e.getMessage().contains("norm.weight"), e.getMessage()),
                  () -> assertTrue(e.getMessage().contains("archive/data/3"), e.getMessage()));
    }

    private static byte[] floats(int n, IntToDoubleFunction value) {
        ByteBuffer bytes = ByteBuffer.allocate(4 * n).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            bytes.putFloat((float) value.applyAsDouble(i));
        }
        return bytes.array();
    }
}
