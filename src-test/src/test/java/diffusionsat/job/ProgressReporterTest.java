package diffusionsat.job;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.apache.spark.util.LongAccumulator;
import org.junit.jupiter.api.Test;

/**
 * Progress in the smallest unit (issue 16, finding 6): windows as well as tiles, and an ETA that
 * converges once work flows, whatever the start-up cost.
 */
class ProgressReporterTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void windowsAreCountedBesideTilesWithAConvergingEta() {
        try (ProgressReporter progress = new ProgressReporter("superres", 5,
                new LongAccumulator(), new LongAccumulator(), Optional.empty(), 3600)) {
            long t0 = System.nanoTime();
            // 60 s of start-up with nothing done, then 2 windows per second.
            String before = progress.line("superres", "windows", 180, 0, 5, 0, 0, t0 + 60 * SECOND);
            String first = progress.line("superres", "windows", 180, 20, 5, 0, 0, t0 + 70 * SECOND);
            String later = progress.line("superres", "windows", 180, 40, 5, 1, 0, t0 + 80 * SECOND);
            String end = progress.line("superres", "windows", 180, 100, 5, 2, 0, t0 + 110 * SECOND);
            assertAll(
                    () -> assertEquals("superres: 0/180 windows (0%), 0/5 tiles, 0 failed,"
                            + " 0.00 windows/s, ETA unknown", before),
                    () -> assertTrue(later.startsWith("superres: 40/180 windows (22%), 1/5 tiles,"
                            + " 0 failed, 2.00 windows/s, ETA 1m10s"), later),
                    () -> assertTrue(end.endsWith("2.00 windows/s, ETA 0m40s"), end),
                    () -> assertTrue(first.contains("20/180 windows"), first));
        }
    }

    @Test
    void jobsWithoutSmallerUnitsCountTiles() {
        try (ProgressReporter progress = new ProgressReporter("inpaint", 4,
                new LongAccumulator(), new LongAccumulator(), 3600)) {
            long t0 = System.nanoTime();
            progress.line("inpaint", "tiles", 4, 1, 4, 1, 0, t0 + 10 * SECOND);
            String line = progress.line("inpaint", "tiles", 4, 3, 4, 3, 1, t0 + 20 * SECOND);
            assertEquals("inpaint: 3/4 tiles (75%), 1 failed, 0.20 tiles/s, ETA 0m05s", line);
        }
    }

    @Test
    void chunksOfScenesAreTheItemsWhereAJobCountsThem() {
        try (ProgressReporter progress = new ProgressReporter("superres", "chunks", 36,
                new LongAccumulator(), new LongAccumulator(), Optional.empty(), 3600)) {
            long t0 = System.nanoTime();
            String chunks = progress.line("superres", "chunks", 36, 9, 36, 9, 0, t0 + 10 * SECOND);
            String windows = progress.line("superres", "windows", 400, 100, 36, 9, 0,
                    t0 + 20 * SECOND);
            assertAll(() -> assertTrue(chunks.startsWith("superres: 9/36 chunks (25%), 0 failed"),
                            chunks),
                    () -> assertTrue(windows.contains("100/400 windows (25%), 9/36 chunks"),
                            windows));
        }
    }
}
