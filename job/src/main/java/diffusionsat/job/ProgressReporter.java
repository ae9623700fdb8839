package diffusionsat.job;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.spark.util.LongAccumulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs tiles done / total, rate and ETA on the driver while a job runs. The counts come from
 * accumulators and are for progress only: reported totals come from the results table.
 */
public final class ProgressReporter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ProgressReporter.class);

    private final ScheduledExecutorService timer;
    private final long startNanos = System.nanoTime();
    private final String unit;

    public ProgressReporter(String job, long total, LongAccumulator done, LongAccumulator failed,
            int intervalSeconds) {
        this(job, "tiles", total, done, failed, intervalSeconds);
    }

    /** Progress counted in {@code unit} (tiles, chunks, scenes). */
    public ProgressReporter(String job, String unit, long total, LongAccumulator done,
            LongAccumulator failed, int intervalSeconds) {
        this.unit = unit;
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "progress-" + job);
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleAtFixedRate(() -> log.info(line(job, total, done.value(), failed.value())),
                intervalSeconds, intervalSeconds, TimeUnit.SECONDS);
    }

    String line(String job, long total, long done, long failed) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        double rate = done / Math.max(seconds, 1e-9);
        String eta = done == 0 ? "unknown"
                : format(Duration.ofSeconds((long) ((total - done) / Math.max(rate, 1e-9))));
        return String.format(Locale.ROOT, "%s: %d/%d %s (%.0f%%), %d failed, %.2f %s/s, ETA %s",
                job, done, total, unit, 100.0 * done / Math.max(total, 1), failed, rate, unit,
                eta);
    }

    private static String format(Duration d) {
        return d.toHours() > 0
                ? String.format(Locale.ROOT, "%dh%02dm", d.toHours(), d.toMinutesPart())
                : String.format(Locale.ROOT, "%dm%02ds", d.toMinutes(), d.toSecondsPart());
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
