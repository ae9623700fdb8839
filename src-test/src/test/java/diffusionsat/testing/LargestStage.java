package diffusionsat.testing;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;

/**
 * Counts the tasks of the largest stage any Spark context of this JVM submits. Spark creates it
 * itself when {@code spark.extraListeners} names it, so it also sees the sessions a command
 * builds for itself.
 */
public final class LargestStage extends SparkListener {
    private static final AtomicInteger TASKS = new AtomicInteger();

    /** Forgets what was counted so far. */
    public static void reset() {
        TASKS.set(0);
    }

    /** The task count of the largest stage submitted since {@link #reset}. */
    public static int tasks() {
        return TASKS.get();
    }

    @Override
    public void onStageSubmitted(SparkListenerStageSubmitted stage) {
        TASKS.accumulateAndGet(stage.stageInfo().numTasks(), Math::max);
    }
}
