package diffusionsat.job;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs progress on the driver while a job runs: items (tiles, chunks or scenes) done / total, and
 * where an item is cut into smaller units of work (the windows of the DiffusionSat
 * super-resolver) those too, with rate and
 * ETA counted in the smallest unit. The rate is measured from the first finished unit on, so that
 * start-up (Spark, model loading) does not skew it and the ETA converges. The counts come from
 * accumulators and are for progress only: reported totals come from the results table.
 */
public final class ProgressReporter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ProgressReporter.class);

    /**
     * Units smaller than a tile.
     *
     * @param name plural name, e.g. "windows"
     * @param total units over all tiles of the job
     * @param done units finished so far
     */
    public record Units(String name, long total, LongAccumulator done) {}

    private final ScheduledExecutorService timer;
    private final LiveAccumulators live;
    private final long startNanos = System.nanoTime();
    private final String items;
    private long firstNanos = -1; // when the first unit was seen done
    private long firstCount;

    public ProgressReporter(String job, long total, LongAccumulator done, LongAccumulator failed,
            int intervalSeconds) {
        this(job, total, done, failed, Optional.empty(), intervalSeconds);
    }

    public ProgressReporter(String job, long total, LongAccumulator done, LongAccumulator failed,
            Optional<Units> units, int intervalSeconds) {
        this(job, "tiles", total, done, failed, units, intervalSeconds);
    }

    /** Progress counted in {@code items} (tiles, chunks, scenes) and optional smaller units. */
    public ProgressReporter(String job, String items, long total, LongAccumulator done,
            LongAccumulator failed, Optional<Units> units, int intervalSeconds) {
        this.items = items;
        List<LongAccumulator> counted = new ArrayList<>(List.of(done, failed));
        units.ifPresent(u -> counted.add(u.done()));
        live = SparkSession.getActiveSession().isDefined()
                ? new LiveAccumulators(SparkSession.active().sparkContext(), counted) : null;
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "progress-" + job);
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleAtFixedRate(() -> log.info(units.isPresent()
                        ? line(job, units.get().name(), units.get().total(),
                                value(units.get().done()), total, value(done), value(failed),
                                System.nanoTime())
                        : line(job, items, total, value(done), total, value(done),
                                value(failed), System.nanoTime())),
                intervalSeconds, intervalSeconds, TimeUnit.SECONDS);
    }

    /** Where Spark runs: with what running tasks reported in their last heartbeat. */
    private long value(LongAccumulator accumulator) {
        return live == null ? accumulator.value() : live.value(accumulator);
    }

    /**
     * One progress line at {@code nowNanos}: {@code unitsDone} of {@code unitsTotal} in the
     * smallest unit, and the items ({@code tiles} of them) when that unit is not the item.
     */
    synchronized String line(String job, String unit, long unitsTotal, long unitsDone,
            long tiles, long tilesDone, long failed, long nowNanos) {
        if (firstNanos < 0 && unitsDone > 0) {
            firstNanos = nowNanos;
            firstCount = unitsDone;
        }
        double rate;
        if (firstNanos >= 0 && nowNanos > firstNanos && unitsDone > firstCount) {
            rate = (unitsDone - firstCount) / ((nowNanos - firstNanos) / 1e9);
        } else {
            rate = unitsDone / Math.max((nowNanos - startNanos) / 1e9, 1e-9);
        }
        unitsDone = Math.min(unitsDone, unitsTotal); // a task ending may count twice briefly
        tilesDone = Math.min(tilesDone, tiles);
        String eta = unitsDone == 0 || rate <= 0 ? "unknown"
                : format(Duration.ofSeconds((long) Math.ceil(
                        Math.max(0, unitsTotal - unitsDone) / rate)));
        String tilesPart = unit.equals(items) ? ""
                : String.format(Locale.ROOT, ", %d/%d %s", tilesDone, tiles, items);
        return String.format(Locale.ROOT, "%s: %d/%d %s (%.0f%%)%s, %d failed, %.2f %s/s, ETA %s",
                job, unitsDone, unitsTotal, unit, 100.0 * unitsDone / Math.max(unitsTotal, 1),
                tilesPart, failed, rate, unit, eta);
    }

    private static String format(Duration d) {
        return d.toHours() > 0
                ? String.format(Locale.ROOT, "%dh%02dm", d.toHours(), d.toMinutesPart())
                : String.format(Locale.ROOT, "%dm%02ds", d.toMinutes(), d.toSecondsPart());
    }

    @Override
    public void close() {
        timer.shutdownNow();
        if (live != null) {
            live.close();
        }
    }
}
