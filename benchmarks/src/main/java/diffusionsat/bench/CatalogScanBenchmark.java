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
import org.gdal.osr.SpatialReference;

/**
 * Catalogue scan rate over many small GeoTIFFs (4 named bands, 32 × 32 px, UTM): the driver scan
 * (one file after another in this JVM) against the distributed scan ({@code catalog.scan=spark},
 * {@code local[*]}: header reads on the executors), local or on an S3 store. On S3 the bytes per
 * file are what the S3 server process wrote ({@code wchar} of {@code /proc/<pid>/io}: responses
 * to GDAL's range requests, listings included), given the server's process id; local files are
 * opened in place by GDAL.
 *
 * <p>Usage: {@code scripts/benchmark.sh CatalogScanBenchmark [files] [s3 endpoint access secret
 * bucket [server pid]]} ({@code benchmarks/catalog-scan-s3.sh} starts a loopback S3 server and
 * passes all of them); prints Markdown.
 */
public final class CatalogScanBenchmark {
    private static final List<String> BANDS = List.of("B02", "B03", "B04", "B08");
    private static final String UTM33N = "EPSG:32633";

    private CatalogScanBenchmark() {}

    public static void main(String[] args) throws Exception {
        int files = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        List<String> overrides = new ArrayList<>(List.of("catalog.scan=spark"));
        String input;
        long serverPid = 0; // 0: bytes not measured
        Path local = Files.createTempDirectory("catalog-bench");
        long bytes = writeRasters(local, files);
        if (args.length >= 5) {
            overrides.addAll(List.of("s3a.endpoint=" + args[1], "s3a.region=us-east-1",
                    "s3a.pathStyleAccess=true", "s3a.sslEnabled=false", "s3a.accessKey=" + args[2],
                    "s3a.secretKey=" + args[3]));
            input = "s3a://" + args[4] + "/catalog-bench";
            serverPid = args.length >= 6 ? Long.parseLong(args[5]) : 0;
        } else {
            input = local.toString();
        }
        Settings settings = ConfigLoader.load(List.of(), overrides);
        StorageConfig storageConfig = StorageConfig.from(settings);
        Storage storage = Storage.of(storageConfig.hadoopSettings());
        // GDAL keeps what it read of each remote file: a second scan of the same files would
        // read the first's cache, so the distributed scan gets its own copies.
        String distributedInput = input;
        if (input.startsWith("s3a://")) {
            long start = System.nanoTime();
            upload(local, input, storage);
            System.out.printf(Locale.ROOT, "upload: %d files in %.1f s%n", files,
                    seconds(start));
            distributedInput = input + "-2";
            upload(local, distributedInput, storage);
        }
        System.out.printf(Locale.ROOT, "%n| scan | files | catalogued | seconds | files/s | "
                + "bytes served per file | file size |%n|---|---:|---:|---:|---:|---:|---:|%n");
        long sent = bytesSent(serverPid);
        long start = System.nanoTime();
        ScanResult driver = new CatalogScanner().scan(input, storage);
        row("driver (1 thread)", files, driver, seconds(start), bytesSent(serverPid) - sent,
                bytes);
        sent = bytesSent(serverPid);
        start = System.nanoTime();
        ScanResult distributed = new CatalogScan(settings, storageConfig,
                local.resolve("catalogue").toString(), "local[*]").rasters(distributedInput, null,
                        storage);
        row("spark local[*] (incl. session start)", files, distributed, seconds(start),
                bytesSent(serverPid) - sent, bytes);
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

    private static void upload(Path folder, String prefix, Storage storage)
            throws java.io.IOException {
        try (var paths = Files.list(folder)) {
            for (Path file : paths.toList()) {
                storage.publish(file, prefix + "/" + file.getFileName());
            }
        }
    }

    /** Bytes the process {@code pid} wrote so far (files and sockets); 0 for pid 0. */
    private static long bytesSent(long pid) throws java.io.IOException {
        if (pid == 0) {
            return 0;
        }
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/io"))) {
            if (line.startsWith("wchar:")) {
                return Long.parseLong(line.substring(6).trim());
            }
        }
        throw new IllegalStateException("no wchar in /proc/" + pid + "/io");
    }

    private static void row(String scan, int files, ScanResult result, double seconds,
            long bytesRead, long fileSize) {
        System.out.printf(Locale.ROOT, "| %s | %d | %d | %.1f | %.0f | %s | %d |%n", scan, files,
                result.tiles().size(), seconds, files / seconds,
                bytesRead == 0 ? "n/a" : Long.toString(bytesRead / files), fileSize);
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
