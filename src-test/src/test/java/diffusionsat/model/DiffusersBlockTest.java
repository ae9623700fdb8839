package diffusionsat.model;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import diffusionsat.io.ConfigException;
import diffusionsat.io.checkpoint.CheckpointMismatchException;
import diffusionsat.io.checkpoint.HostTensor;
import diffusionsat.io.checkpoint.StateDict;
import diffusionsat.model.ops.Attention;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The name tree and strict loading, on diffusers' Attention (to_q/to_k/to_v/to_out.0). */
class DiffusersBlockTest {
    private final Attention attention = new Attention(8, 6, 2, 4, false);

    @Test
    void parameterPathsAreDiffusersKeys() {
        assertEquals(Map.of(
                "to_q.weight", new Shape(8, 8),
                "to_k.weight", new Shape(8, 6),
                "to_v.weight", new Shape(8, 6),
                "to_out.0.weight", new Shape(8, 8),
                "to_out.0.bias", new Shape(8)), attention.parameterShapes());
    }

    @Test
    void loadsExactStateDictInTheRequestedType() {
        try (NDManager manager = NDManager.newBaseManager()) {
            attention.load(RandomWeights.stateDict(attention, 1), manager, ModelDType.F16);
            assertAll(() -> assertEquals(DataType.FLOAT16, attention.dataType()),
                    () -> assertEquals(5, manager.getManagedArrays().size()));
        }
    }

    @Test
    void missingUnexpectedAndMisShapedKeysAreNamed() {
        List<HostTensor> tensors = new ArrayList<>();
        for (HostTensor t : RandomWeights.stateDict(attention, 1)) {
            if (t.name().equals("to_k.weight")) {
                continue; // missing
            }
            tensors.add(t.name().equals("to_out.0.bias")
                    ? HostTensor.ofFloats(t.name(), new long[] {9}, new float[9]) // mis-shaped
                    : t);
        }
        tensors.add(HostTensor.ofFloats("to_out.1.weight", new long[] {1}, new float[1]));
        try (NDManager manager = NDManager.newBaseManager()) {
            CheckpointMismatchException e = assertThrows(CheckpointMismatchException.class,
                    () -> attention.load(StateDict.of(tensors), manager, ModelDType.F32));
            assertAll(() -> assertTrue(e.getMessage().contains("to_k.weight"), e.getMessage()),
                    () -> assertTrue(e.getMessage().contains("to_out.1.weight"), e.getMessage()),
                    () -> assertTrue(e.getMessage().contains("to_out.0.bias"), e.getMessage()),
                    () -> assertEquals(0, manager.getManagedArrays().size(),
                            "nothing is allocated before the check"));
        }
    }

    @Test
    void bfloat16IsRefusedOnCpuBeforeAnyTensorExists() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            assertThrows(ConfigException.class, () -> attention.load(
                    RandomWeights.stateDict(attention, 1), manager, ModelDType.BF16));
        }
    }
}
