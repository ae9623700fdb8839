package diffusionsat.sampling;

import ai.djl.engine.EngineException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs items through the device in batches (DESIGN.md §4 "Batching"): when a batch runs out of
 * device memory it is halved and retried, and the smaller size is kept for the items after it.
 * A single item that does not fit propagates the error: that is no tile's fault.
 */
final class HalvingBatches {
    private static final Logger log = LoggerFactory.getLogger(HalvingBatches.class);
    /**
     * libtorch reports allocation failures as plain errors, which the engine rethrows as {@link
     * EngineException}: CUDA's "CUDA out of memory", the CPU allocator's "can't allocate
     * memory" / "not enough memory".
     */
    private static final List<String> OUT_OF_MEMORY = List.of("out of memory",
            "can't allocate memory", "not enough memory");

    private HalvingBatches() {}

    /**
     * @param items what to process, in order
     * @param batchSize the largest batch to try first
     * @param batch processes one batch, returning one result per item in order
     * @return the results of every item, in order
     */
    static <T, R> List<R> run(List<T> items, int batchSize, Function<List<T>, List<R>> batch) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size " + batchSize + " must be >= 1");
        }
        List<R> results = new ArrayList<>(items.size());
        int size = batchSize;
        int from = 0;
        while (from < items.size()) {
            int to = Math.min(items.size(), from + size);
            try {
                results.addAll(batch.apply(items.subList(from, to)));
                from = to;
            } catch (EngineException e) {
                if (!isOutOfMemory(e) || to - from == 1) {
                    throw e;
                }
                size = (to - from) / 2;
                log.warn("out of device memory with a batch of {}; retrying with {}: {}",
                        to - from, size, e.getMessage());
            }
        }
        return results;
    }

    /** Whether the engine failed for want of memory (and a smaller batch may succeed). */
    static boolean isOutOfMemory(EngineException e) {
        String message = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
        return OUT_OF_MEMORY.stream().anyMatch(message::contains);
    }
}
