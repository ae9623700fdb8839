package diffusionsat.job;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.AccumulableInfo;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorMetricsUpdate;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.util.LongAccumulator;
import scala.Tuple4;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Accumulators as they stand while tasks still run: the driver merges a task's additions only
 * when the task ends (a partition of several tiles), but executors report running tasks' values
 * in every heartbeat ({@code spark.executor.heartbeatInterval}); this listener keeps the latest
 * of those until the task ends. For progress only: a task ending may count twice for a moment.
 */
final class LiveAccumulators extends SparkListener implements AutoCloseable {
    private final SparkContext context;
    /** Accumulator id → running task id → its value in the last heartbeat. */
    private final Map<Long, Map<Long, Long>> running = new ConcurrentHashMap<>();

    LiveAccumulators(SparkContext context, List<LongAccumulator> accumulators) {
        this.context = context;
        accumulators.forEach(a -> running.put(a.id(), new ConcurrentHashMap<>()));
        context.addSparkListener(this);
    }

    /** The accumulator's merged value plus what its running tasks reported. */
    long value(LongAccumulator accumulator) {
        Map<Long, Long> tasks = running.getOrDefault(accumulator.id(), Map.of());
        return accumulator.value() + tasks.values().stream().mapToLong(Long::longValue).sum();
    }

    @Override
    public void onExecutorMetricsUpdate(SparkListenerExecutorMetricsUpdate update) {
        for (Tuple4<Object, Object, Object, scala.collection.immutable.Seq<AccumulableInfo>> task
                : CollectionConverters.asJava(update.accumUpdates())) {
            long taskId = (Long) task._1();
            for (AccumulableInfo info : CollectionConverters.asJava(task._4())) {
                Map<Long, Long> tasks = running.get(info.id());
                if (tasks != null && info.update().isDefined()
                        && info.update().get() instanceof Number value) {
                    tasks.put(taskId, value.longValue());
                }
            }
        }
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
        long taskId = end.taskInfo().taskId();
        running.values().forEach(tasks -> tasks.remove(taskId));
    }

    @Override
    public void close() {
        context.removeSparkListener(this);
    }
}
