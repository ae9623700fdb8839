package diffusionsat.job.cli;

import diffusionsat.io.ConfigException;
import diffusionsat.io.catalog.CatalogWriter;
import diffusionsat.io.catalog.ScanFailure;
import diffusionsat.io.catalog.RejectedTable;
import diffusionsat.io.catalog.ScanResult;
import diffusionsat.io.stac.StacInputs;
import diffusionsat.io.stac.StacScan;
import diffusionsat.io.catalog.TileRecord;
import diffusionsat.io.storage.Storage;
import diffusionsat.job.catalog.CatalogScan;
import diffusionsat.job.config.Settings;
import diffusionsat.job.config.StorageConfig;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
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
                + " sidecar, PNG, JPEG 2000, VRT), or STAC items (ItemCollection .json/.geojson,"
                + " .ndjson, catalog.json / collection.json, stac-geoparquet .parquet), and write"
                + " the tile catalogue (Parquet with GeoParquet 1.1 metadata), with the user's own"
                + " targets and masks paired in, and the rejected table beside it.")
final class CatalogCommand implements Callable<Integer> {
    @Option(names = "--input", required = true, paramLabel = "URI",
            description = "Folder or s3a:// prefix to scan (recursively), or a STAC file.")
    String input;

    @Option(names = "--output", required = true, paramLabel = "URI",
            description = "Catalogue folder to write.")
    String output;

    @Option(names = "--partition-by", paramLabel = "COLUMN",
            description = "Partition the catalogue by a column, e.g. year or collection.")
    String partitionBy;

    @Option(names = "--collection", paramLabel = "ID",
            description = "Put every raster in this collection (default: inferred from its "
                    + "bands); catalog.collections may name its band order and radiometry.")
    String collection;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master of a distributed scan (catalog.scan=spark; default: "
                    + "local[*], unless spark-submit set one).")
    String master;

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
        String outputUri = Storage.localFile(output).map(p -> p.toAbsolutePath().toString())
                .orElse(output);
        if (!storage.exists(inputUri)) {
            throw new ConfigException("--input", input, "does not exist");
        }
        CatalogScan catalogScan = new CatalogScan(settings, storageConfig, outputUri,
                master != null ? master
                        : System.getProperty("spark.master") == null ? "local[*]" : null);
        ScanResult scan;
        Map<String, String> vrts = Map.of();
        if (StacInputs.isStac(inputUri)) {
            StacScan.Result stac = catalogScan.stac(inputUri, storage);
            scan = stac.scan();
            vrts = stac.vrts();
        } else {
            scan = catalogScan.rasters(inputUri, collection, storage, pairing.files(storage));
        }
        if (scan.tiles().isEmpty() && scan.failures().isEmpty()) {
            throw new ConfigException("--input", input, "holds no rasters to catalogue");
        }
        PrintWriter out = spec.commandLine().getOut();
        List<TileRecord> tiles = scan.tiles().isEmpty() ? scan.tiles()
                : pairing.apply(scan.tiles(), settings, storage, out);
        new CatalogWriter().write(tiles, output, storage, Optional.ofNullable(partitionBy));
        StacScan.writeVrts(vrts, storage);
        RejectedTable.write(scan.failures(), outputUri, storage);
        out.printf("catalog: %d tiles written to %s, %d rejected (%s/%s)%n", tiles.size(),
                output, scan.failures().size(), output, RejectedTable.CSV);
        for (ScanFailure failure : scan.failures()) {
            out.printf("  rejected: %s%s: %s%n", failure.uri(),
                    failure.item() == null ? "" : " (item " + failure.item() + ")",
                    failure.cause());
        }
        // Everything rejected is a data failure (1); nothing found at all is the caller's (2).
        return tiles.isEmpty() ? ExitCodes.TOO_MANY_FAILED_TILES : ExitCodes.OK;
    }
}
