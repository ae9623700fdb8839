package diffusionsat.job.cli;

import java.util.Optional;
import picocli.CommandLine.Option;

/** The tile catalogue a job reads its images from, for the commands that have one. */
final class CatalogOptions {
    @Option(names = "--catalog", required = true, paramLabel = "URI",
            description = "Tile catalogue (Parquet folder; local path, file: or s3a: URI).")
    String uri;

    @Option(names = "--where", paramLabel = "SQL",
            description = "Catalogue filter with partition pruning, e.g. \"year = 2015\".")
    String where;

    Optional<String> where() {
        return Optional.ofNullable(where).filter(w -> !w.isBlank());
    }

    /** Fails before Spark starts when the catalogue is not there. */
    void requireExists(JobContext context) {
        context.requireExists("--catalog", uri);
    }
}
