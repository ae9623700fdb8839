package diffusionsat.spark;

import diffusionsat.io.TileException;
import org.apache.spark.util.LongAccumulator;
import org.slf4j.Logger;

/**
 * A partition's progress as its {@link PartitionFn.Work} reports it: items done and failed, for
 * the driver's progress lines (counts in reports come from the results table).
 *
 * @param log the work's logger, for its failed items
 */
public record PartitionProgress(LongAccumulator done, LongAccumulator failed, Logger log) {
    /** {@code items} more finished, whatever their status. */
    public void done(long items) {
        done.add(items);
    }

    /** An item's data problem (its row says so): logged and counted as failed. */
    public void failed(TileException e) {
        log.warn("{}", e.getMessage());
        countFailed();
    }

    /** An item that failed, counted without a log line of its own (the caller says why). */
    public void countFailed() {
        failed.add(1);
    }

    /** Milliseconds since {@code startNanos} (a {@link System#nanoTime()}). */
    public static long elapsedMs(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
