package diffusionsat.io.checkpoint;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Mismatches between a state dict and the expected key list are reported as set differences. */
class StateDictTest {
    private static final StateDict DICT = StateDict.of("unet/weights.safetensors", List.of(
            HostTensor.ofFloats("conv_in.weight", new long[] {4, 1, 1, 1}, new float[4]),
            HostTensor.ofFloats("conv_in.bias", new long[] {4}, new float[4]),
            HostTensor.ofFloats("extra.weight", new long[] {1}, new float[1])));

    @Test
    void requireExactlyListsMissingUnexpectedAndMisShaped() {
        Map<String, long[]> expected = new LinkedHashMap<>();
        expected.put("conv_in.weight", new long[] {4, 1, 1, 1});
        expected.put("conv_in.bias", new long[] {8});
        expected.put("conv_out.weight", new long[] {4, 4, 3, 3});

        CheckpointMismatchException e = assertThrows(CheckpointMismatchException.class,
                () -> DICT.requireExactly(expected));
        assertEquals("checkpoint unet/weights.safetensors: 1 missing: conv_out.weight; "
                + "1 unexpected: extra.weight; 1 mis-shaped: conv_in.bias expected [8] got [4]",
                e.getMessage());
    }

    @Test
    void requireExactlyPassesOnAnExactMatch() {
        Map<String, long[]> expected = new LinkedHashMap<>();
        DICT.forEach(t -> expected.put(t.name(), t.shape()));
        DICT.requireExactly(expected);
        assertEquals(3, DICT.size());
    }

    @Test
    void longListsAreShortened() {
        Map<String, long[]> expected = new LinkedHashMap<>();
        IntStream.range(0, 100).forEach(i -> expected.put("block." + i, new long[] {1}));
        DICT.forEach(t -> expected.put(t.name(), t.shape()));

        CheckpointMismatchException e = assertThrows(CheckpointMismatchException.class,
                () -> DICT.requireExactly(expected));
        assertAll(() -> assertTrue(e.getMessage().contains("100 missing: block.0, block.1"),
                          e.getMessage()),
                  () -> assertTrue(e.getMessage().endsWith("... and 88 more"), e.getMessage()));
    }

    @Test
    void getNamesTheKeyAndTheSource() {
        CheckpointMismatchException e = assertThrows(CheckpointMismatchException.class,
                () -> DICT.get("time_embedding.linear_1.weight"));
        assertEquals("checkpoint unet/weights.safetensors: no tensor named "
                + "time_embedding.linear_1.weight", e.getMessage());
    }

    @Test
    void wrongDtypeIsReportedByName() {
        StateDict mixed = StateDict.of("te.bin", List.of(
                HostTensor.ofFloats("w", new long[] {1}, new float[1]),
                new HostTensor("position_ids", TensorDType.I64, new long[] {1}, new byte[8])));
        CheckpointMismatchException e = assertThrows(CheckpointMismatchException.class,
                () -> mixed.requireDTypes(Set.of(TensorDType.F32, TensorDType.F16)));
        assertTrue(e.getMessage().contains("position_ids is I64"), e.getMessage());
    }

    @Test
    void duplicateNamesAreRefused() {
        HostTensor a = HostTensor.ofFloats("a", new long[] {1}, new float[1]);
        CheckpointFormatException e = assertThrows(CheckpointFormatException.class,
                () -> StateDict.of("dup.safetensors", List.of(a, a)));
        assertTrue(e.getMessage().contains("tensor a appears twice"), e.getMessage());
    }

    @Test
    void namesKeepInsertionOrder() {
        assertEquals(List.of("conv_in.weight", "conv_in.bias", "extra.weight"),
                List.copyOf(DICT.names()));
    }
}
