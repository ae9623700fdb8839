package diffusionsat.spark;

import java.io.Serializable;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.util.LongAccumulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one per-partition function of the jobs: the items of one partition go through an
 * executor-side processor lazily, a batch at a time (the next batch is taken only once the rows
 * of the one before are used up), with progress in the {@code done} and {@code failed}
 * accumulators and a log line per batch. What differs between the jobs is their {@link Work}.
 *
 * @param unit what an item is called in the log ("tiles", "requests", "sequences")
 * @param <T> a work item
 * @param <P> the processor of one partition
 */
public record PartitionFn<T, P>(String unit, Work<T, P> work, LongAccumulator done,
        LongAccumulator failed) implements MapPartitionsFunction<T, Row> {
    /**
     * What a job does with the items of a partition. It ships with every task: it holds settings
     * and the store, never a model (its processor is made on the executor, the models from
     * {@link ExecutorModels}).
     */
    public interface Work<T, P> extends Serializable {
        /** This partition's processor. */
        P open();

        /**
         * Takes the next batch from {@code items} (at least one item) and returns its rows, each
         * item counted in {@code progress}.
         */
        List<Row> nextBatch(P processor, Iterator<T> items, PartitionProgress progress);
    }

    @Override
    public Iterator<Row> call(Iterator<T> items) {
        Logger log = LoggerFactory.getLogger(work.getClass());
        PartitionProgress progress = new PartitionProgress(done, failed, log);
        P processor = work.open();
        int partition = TaskContext.get() == null ? -1 : TaskContext.get().partitionId();
        long[] taken = {0};
        Iterator<T> counted = LazyIterators.mapped(items, item -> {
            taken[0]++;
            return item;
        });
        return LazyIterators.batches(counted,
                () -> work.nextBatch(processor, counted, progress),
                () -> log.info("partition {}: {} {} done", partition, taken[0], unit));
    }
}
