package diffusionsat.job.cli;

import diffusionsat.io.ConfigException;
import diffusionsat.io.catalog.CatalogScanner;
import diffusionsat.io.catalog.CatalogWriter;
import diffusionsat.io.catalog.ScanFailure;
import diffusionsat.io.catalog.ScanResult;
import diffusionsat.io.catalog.TileRecord;
import diffusionsat.io.storage.Storage;
import diffusionsat.job.config.Settings;
import diffusionsat.job.config.StorageConfig;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code catalog}: scan GeoTIFFs with GDAL and write the tile catalogue (DESIGN.md §2). */
@Command(name = "catalog", mixinStandardHelpOptions = true,
        description = "Scan a folder or s3a:// prefix of rasters (GeoTIFF, fMoW's JPEG + JSON"
                + " sidecar, PNG, JPEG 2000, VRT) and write the tile catalogue (Parquet with"
                + " GeoParquet 1.1 metadata), with the user's own targets and masks paired in.")
final class CatalogCommand implements Callable<Integer> {
    @Option(names = "--input", required = true, paramLabel = "URI",
            description = "Folder or s3a:// prefix to scan (recursively).")
    String input;

    @Option(names = "--output", required = true, paramLabel = "URI",
            description = "Catalogue folder to write.")
    String output;

    @Option(names = "--partition-by", paramLabel = "COLUMN",
            description = "Partition the catalogue by a column, e.g. year or collection.")
    String partitionBy;

    @Mixin
    PairingOptions pairing;

    @Mixin
    ConfigOptions config;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Settings settings = config.settings();
        StorageConfig storageConfig = StorageConfig.from(settings);
        Storage storage = storageConfig.storage();
        // Local inputs are recorded as absolute paths, so the catalogue works from any folder.
        String inputUri = Storage.localFile(input).map(p -> p.toAbsolutePath().toString())
                .orElse(input);
        if (!storage.exists(inputUri)) {
            throw new ConfigException("--input", input, "does not exist");
        }
        ScanResult scan = new CatalogScanner().scan(inputUri, storage, pairing.files(storage));
        PrintWriter out = spec.commandLine().getOut();
        for (ScanFailure failure : scan.failures()) {
            out.printf("  unreadable: %s: %s%n", failure.uri(), failure.cause());
        }
        if (scan.tiles().isEmpty()) {
            throw new ConfigException("--input", input, scan.failures().isEmpty()
                    ? "holds no rasters to catalogue"
                    : "holds no raster that could be catalogued (" + scan.failures().size()
                            + " unreadable, listed above)");
        }
        List<TileRecord> tiles = pairing.apply(scan.tiles(), settings, storage, out);
        new CatalogWriter().write(tiles, output, storage, Optional.ofNullable(partitionBy));
        out.printf("catalog: %d tiles written to %s%n", tiles.size(), output);
        return ExitCodes.OK;
    }
}
