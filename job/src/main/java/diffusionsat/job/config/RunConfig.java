package diffusionsat.job.config;

import java.io.Serializable;

/**
 * How a job runs: failure tolerance, partitioning, seeding and progress reporting.
 *
 * @param dryRun plan only ({@code --dry-run}): read the inputs and records, report what would be
 *     done, process and write nothing
 */
public record RunConfig(
        double maxFailedFraction, WorkPartitions partitions, long runSeed,
        int progressIntervalSeconds, boolean dryRun) implements Serializable {

    /** The settings' run configuration, for a real run. */
    public static RunConfig from(Settings s) {
        return from(s, false);
    }

    /** The settings' run configuration; {@code dryRun} from the command line. */
    public static RunConfig from(Settings s, boolean dryRun) {
        return new RunConfig(
                s.number("job.maxFailedFraction", 0, 1),
                new WorkPartitions(s.optional("job.tilesPerPartition").isPresent()
                        ? s.integer("job.tilesPerPartition", 1, 1_000_000) : 0,
                        s.integer("job.targetTilesPerPartition", 1, 1_000_000),
                        s.integer("job.maxPartitions", 1, 1_000_000)),
                s.longValue("job.runSeed"),
                s.integer("job.progressIntervalSeconds", 1, 86_400), dryRun);
    }

    /** Items per partition for jobs that divide by a fixed size ({@link WorkPartitions}). */
    public int tilesPerPartition() {
        return partitions.perPartition();
    }
}
