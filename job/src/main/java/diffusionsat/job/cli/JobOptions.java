package diffusionsat.job.cli;

import diffusionsat.job.config.Settings;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options every job takes (DESIGN.md §1); {@link CatalogOptions} where it has a catalogue. */
final class JobOptions {

    @Option(names = "--output", required = true, paramLabel = "URI",
            description = "Output root; this run writes under <output>/<job>/<run-id>/.")
    String output;

    @Option(names = "--run-id", paramLabel = "ID",
            description = "Run id (default: the start time, yyyyMMdd-HHmmss). Rerunning an id "
                    + "resumes it: finished tiles are kept.")
    String runId;

    @Mixin
    ConfigOptions config;

    @Option(names = "--dry-run",
            description = "Read the inputs and this run's records, print what would be done (to"
                    + " do, carried over, partitions) and exit: nothing is processed or written.")
    boolean dryRun;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master (default: local[*], unless spark-submit set one).")
    String master;

    Settings settings() {
        return config.settings();
    }

    String runId() {
        String id = runId != null ? runId
                : LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        return id;
    }

    /** The master to set, or null where spark-submit already chose one. */
    String master() {
        if (master != null) {
            return master;
        }
        return System.getProperty("spark.master") == null ? "local[*]" : null;
    }
}
