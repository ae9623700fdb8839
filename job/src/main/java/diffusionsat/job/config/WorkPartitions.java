package diffusionsat.job.config;

import diffusionsat.io.ConfigException;
import java.io.Serializable;

/**
 * How many Spark partitions a job spreads its work items over (conf/defaults.yaml {@code job.*}).
 * By work (the default): enough partitions for every task slot, more as the work grows so that
 * no partition holds much more than {@code target} items (fast slots take more partitions, slow
 * ones fewer), never more than {@code max} (bounded scheduling and per-partition sums) nor more
 * than there are items: {@code min(max, items, max(slots, ceil(items / target)))}. An explicit
 * {@code job.tilesPerPartition} overrides it: {@code ceil(items / tilesPerPartition)}.
 *
 * @param tilesPerPartition the explicit items per partition, or 0 for by work
 * @param target the items per partition by work aims at
 * @param max the most partitions by work makes
 */
public record WorkPartitions(int tilesPerPartition, int target, int max) implements Serializable {
    public WorkPartitions {
        if (tilesPerPartition < 0) {
            throw new ConfigException("job.tilesPerPartition", tilesPerPartition,
                    "must be empty (by work) or at least 1");
        }
        if (target < 1) {
            throw new ConfigException("job.targetTilesPerPartition", target, "must be at least 1");
        }
        if (max < 1) {
            throw new ConfigException("job.maxPartitions", max, "must be at least 1");
        }
    }

    /** The partition count for {@code items} work items on a cluster of {@code slots} slots. */
    public int count(long items, int slots) {
        if (items <= 0) {
            return 1;
        }
        if (tilesPerPartition > 0) {
            return (int) Math.min(Integer.MAX_VALUE, ceilDiv(items, tilesPerPartition));
        }
        long byWork = Math.max(slots, ceilDiv(items, target));
        return (int) Math.max(1, Math.min(Math.min(byWork, max), items));
    }

    /** The items per partition asked for: the explicit setting, else the target. */
    public int perPartition() {
        return tilesPerPartition > 0 ? tilesPerPartition : target;
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
