package diffusionsat.job.cli;

import diffusionsat.io.ConfigException;
import diffusionsat.io.catalog.CatalogueFolder;
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

    /**
     * Fails before Spark starts unless {@code --catalog} is a catalogue with tiles and {@code
     * --where} names only its columns.
     */
    void requireCatalogue(JobContext context) {
        CatalogueFolder catalogue = CatalogueFolder.inspect("--catalog", uri, context.storage());
        if (catalogue.rows() == 0) {
            throw new ConfigException("--catalog", uri, "the catalogue has no"
                    + " tiles; catalogue a folder that holds rasters");
        }
        where().ifPresent(w -> WhereCheck.require(w, catalogue.columns()));
    }
}
