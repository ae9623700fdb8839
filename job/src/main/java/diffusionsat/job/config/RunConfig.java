package diffusionsat.job.config;

import java.io.Serializable;

/** How a job runs: failure tolerance, partitioning, seeding and progress reporting. */
public record RunConfig(
        double maxFailedFraction, int tilesPerPartition, long runSeed, int progressIntervalSeconds)
        implements Serializable {

    public static RunConfig from(Settings s) {
        return new RunConfig(
                s.number("job.maxFailedFraction", 0, 1),
                s.integer("job.tilesPerPartition", 1, 1_000_000),
                s.longValue("job.runSeed"),
                s.integer("job.progressIntervalSeconds", 1, 86_400));
    }
}
