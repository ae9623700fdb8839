package diffusionsat.job;

import java.util.Locale;

/**
 * What a tile job did, counted from its results table (accumulators may double-count retries).
 *
 * @param runFolder {@code <output>/<job>/<run-id>}
 */
public record JobReport(String job, String runFolder, long total, long ok, long failed,
        long carriedOver) {

    public double failedFraction() {
        return total == 0 ? 0 : failed / (double) total;
    }

    /** Whether the failed share stays within the configured tolerance (DESIGN.md §6). */
    public boolean withinTolerance(double maxFailedFraction) {
        return failedFraction() <= maxFailedFraction;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT,
                "%s: %d tiles, %d ok, %d failed (%.1f%%), %d carried over from an earlier attempt; outputs in %s",
                job, total, ok, failed, 100 * failedFraction(), carriedOver, runFolder);
    }
}
