package diffusionsat.bench;

import diffusionsat.io.catalog.CatalogScanner;
import diffusionsat.io.catalog.ScanResult;
import diffusionsat.io.raster.Gdal;
import diffusionsat.io.raster.GdalRasters;
import diffusionsat.io.raster.GeoTransform;
import diffusionsat.io.raster.NoData;
import diffusionsat.io.raster.Raster;
import diffusionsat.io.raster.RasterDataType;
import diffusionsat.io.storage.Storage;
import diffusionsat.job.catalog.CatalogScan;
import diffusionsat.job.config.ConfigLoader;
import diffusionsat.job.config.Settings;
import diffusionsat.job.config.StorageConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.StorageStatistics;
import org.gdal.osr.SpatialReference;

/**
 * Catalogue scan rate over many small GeoTIFFs (4 named bands, 32 × 32 px, UTM): the driver scan
 * (one file after another in this JVM) against the distributed scan ({@code catalog.scan=spark},
 * {@code local[*]}: header reads on the executors), local or on an S3 store; bytes read per file
 * from Hadoop's storage statistics (S3 only: local files are opened in place by GDAL).
 *
 * <p>Usage: {@code scripts/benchmark.sh CatalogScanBenchmark [files] [s3 endpoint access secret
 * bucket]}; prints Markdown.
 */
public final class CatalogScanBenchmark {
    private static final List<String> BANDS = List.of("B02", "B03", "B04", "B08");
    private static final String UTM33N = "EPSG:32633";

    private CatalogScanBenchmark() {}

    public static void main(String[] args) throws Exception {
        int files = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        List<String> overrides = new ArrayList<>(List.of("catalog.scan=spark"));
        String input;
        Path local = Files.createTempDirectory("catalog-bench");
        long bytes = writeRasters(local, files);
        if (args.length >= 5) {
            overrides.addAll(List.of("s3a.endpoint=" + args[1], "s3a.region=us-east-1",
                    "s3a.pathStyleAccess=true", "s3a.sslEnabled=false", "s3a.accessKey=" + args[2],
                    "s3a.secretKey=" + args[3]));
            input = "s3a://" + args[4] + "/catalog-bench";
        } else {
            input = local.toString();
        }
        Settings settings = ConfigLoader.load(List.of(), overrides);
        StorageConfig storageConfig = StorageConfig.from(settings);
        Storage storage = Storage.of(storageConfig.hadoopSettings());
        if (input.startsWith("s3a://")) {
            long start = System.nanoTime();
            try (var paths = Files.list(local)) {
                for (Path file : paths.toList()) {
                    storage.publish(file, input + "/" + file.getFileName());
                }
            }
            System.out.printf(Locale.ROOT, "upload: %d files in %.1f s%n", files,
                    seconds(start));
        }
        System.out.printf(Locale.ROOT, "%n| scan | files | catalogued | seconds | files/s | "
                + "bytes read per file | file size |%n|---|---:|---:|---:|---:|---:|---:|%n");
        long read = bytesRead();
        long start = System.nanoTime();
        ScanResult driver = new CatalogScanner().scan(input, storage);
        row("driver (1 thread)", files, driver, seconds(start), bytesRead() - read, bytes);
        read = bytesRead();
        start = System.nanoTime();
        ScanResult distributed = new CatalogScan(settings, storageConfig,
                local.resolve("catalogue").toString(), "local[*]").rasters(input, null, storage);
        row("spark local[*] (incl. session start)", files, distributed, seconds(start),
                bytesRead() - read, bytes);
    }

    private static long writeRasters(Path folder, int count) {
        int size = 32;
        float[][] bands = new float[BANDS.size()][size * size];
        for (int b = 0; b < bands.length; b++) {
            for (int i = 0; i < bands[b].length; i++) {
                bands[b][i] = (float) (0.05 + 0.01 * b + 1e-4 * (i % 97));
            }
        }
        Gdal.ensureRegistered();
        SpatialReference utm = new SpatialReference();
        utm.SetFromUserInput(UTM33N);
        String crs = utm.ExportToWkt();
        utm.delete();
        for (int n = 0; n < count; n++) {
            // Tiles side by side, 320 m apart, so each has its own footprint.
            GeoTransform transform = new GeoTransform(400_000 + 320.0 * (n % 100), 10, 0,
                    5_000_000 - 320.0 * (n / 100), 0, -10);
            Raster raster = new Raster(size, size, BANDS, bands, transform, crs,
                    new NoData.None());
            GdalRasters.writeCog(raster, folder.resolve(String.format(Locale.ROOT,
                    "tile_%05d_20200601.tif", n)).toString(), Storage.local(),
                    RasterDataType.FLOAT32);
        }
        try (var paths = Files.list(folder)) {
            return paths.findFirst().map(p -> p.toFile().length()).orElse(0L);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static long bytesRead() {
        long total = 0;
        for (StorageStatistics statistics : (Iterable<StorageStatistics>) () ->
                FileSystem.getGlobalStorageStatistics().iterator()) {
            Long value = statistics.getLong("bytesRead");
            total += value == null ? 0 : value;
        }
        return total;
    }

    private static void row(String scan, int files, ScanResult result, double seconds,
            long bytesRead, long fileSize) {
        System.out.printf(Locale.ROOT, "| %s | %d | %d | %.1f | %.0f | %s | %d |%n", scan, files,
                result.tiles().size(), seconds, files / seconds,
                bytesRead == 0 ? "n/a (local)" : Long.toString(bytesRead / files), fileSize);
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
