package diffusionsat.sampling;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.EngineException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Batches halved on out-of-memory. The failure is injected: a batch function that throws the
 * engine's exception with libtorch's CUDA message when a batch is larger than the "device" holds.
 */
class HalvingBatchesTest {
    /** libtorch's message for a failed CUDA allocation, as the engine rethrows it. */
    private static final String CUDA_OOM = "CUDA out of memory. Tried to allocate 2.00 GiB "
            + "(GPU 0; 79.11 GiB total capacity; 77.50 GiB already allocated)";

    @Test
    void aBatchTooLargeIsHalvedUntilItFitsAndTheSizeIsKept() {
        List<Integer> sizes = new ArrayList<>();
        List<Integer> items = IntStream.range(0, 7).boxed().toList();
        List<Integer> results = HalvingBatches.run(items, 8, device(4, sizes));
        assertAll(
                () -> assertEquals(IntStream.range(0, 7).map(i -> i * 10).boxed().toList(),
                        results, "every item once, in order"),
                () -> assertEquals(List.of(7, 3, 3, 1), sizes,
                        "7 fails; then batches of the halved size 3 until the last item"));
    }

    @Test
    void oneItemThatDoesNotFitPropagates() {
        EngineException e = assertThrows(EngineException.class,
                () -> HalvingBatches.run(List.of(1, 2), 2, device(0, new ArrayList<>())));
        assertTrue(e.getMessage().contains("CUDA out of memory"));
    }

    @Test
    void otherEngineErrorsAreNotRetried() {
        EngineException failure = new EngineException("shape mismatch");
        List<Integer> calls = new ArrayList<>();
        EngineException thrown = assertThrows(EngineException.class,
                () -> HalvingBatches.run(List.of(1, 2, 3, 4), 4, batch -> {
                    calls.add(batch.size());
                    throw failure;
                }));
        assertAll(() -> assertSame(failure, thrown), () -> assertEquals(List.of(4), calls));
    }

    @ParameterizedTest
    @ValueSource(strings = {CUDA_OOM,
        "[enforce fail at alloc_cpu.cpp:117] data. DefaultCPUAllocator: not enough memory: you"
                + " tried to allocate 1099511627776 bytes.",
        "DefaultCPUAllocator: can't allocate memory: you tried to allocate 1099511627776 bytes"})
    void libtorchAllocationFailuresCountAsOutOfMemory(String message) {
        assertTrue(HalvingBatches.isOutOfMemory(new EngineException(message)));
    }

    @Test
    void otherMessagesDoNot() {
        assertFalse(HalvingBatches.isOutOfMemory(new EngineException("expected 4 channels")));
    }

    /** A batch function on a device that holds {@code capacity} items; records batch sizes. */
    private static Function<List<Integer>, List<Integer>> device(int capacity,
            List<Integer> sizes) {
        return batch -> {
            sizes.add(batch.size());
            if (batch.size() > capacity) {
                throw new EngineException(CUDA_OOM);
            }
            return batch.stream().map(i -> i * 10).toList();
        };
    }
}
