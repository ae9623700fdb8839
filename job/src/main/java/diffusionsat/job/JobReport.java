package diffusionsat.job;

import java.util.Locale;

/**
 * What a tile job did, counted from its results table (accumulators may double-count retries),
 * or for a dry run what it would do.
 *
 * @param runFolder {@code <output>/<job>/<run-id>}
 * @param plannedPartitions a dry run's partitions for the items to do ({@code total - ok}, the
 *     carried over being {@code ok}); -1 for a run that happened
 */
public record JobReport(String job, String runFolder, long total, long ok, long failed,
        long carriedOver, int plannedPartitions) {

    public JobReport(String job, String runFolder, long total, long ok, long failed,
            long carriedOver) {
        this(job, runFolder, total, ok, failed, carriedOver, -1);
    }

    /** A dry run's report: {@code todo} items in {@code partitions}, {@code carried} kept. */
    public static JobReport planned(String job, String runFolder, long todo, long carried,
            int partitions) {
        return new JobReport(job, runFolder, todo + carried, carried, 0, carried, partitions);
    }

    public double failedFraction() {
        return total == 0 ? 0 : failed / (double) total;
    }

    /** Whether the failed share stays within the configured tolerance (DESIGN.md §6). */
    public boolean withinTolerance(double maxFailedFraction) {
        return failedFraction() <= maxFailedFraction;
    }

    @Override
    public String toString() {
        if (plannedPartitions >= 0) {
            return String.format(Locale.ROOT, "%s (dry run): %d to do in %d partitions, %d carried"
                    + " over from an earlier attempt; nothing processed or written in %s", job,
                    total - ok, plannedPartitions, carriedOver, runFolder);
        }
        return String.format(Locale.ROOT,
                "%s: %d tiles, %d ok, %d failed (%.1f%%), %d carried over from an earlier attempt; outputs in %s",
                job, total, ok, failed, 100 * failedFraction(), carriedOver, runFolder);
    }
}
