package diffusionsat.bench;

import diffusionsat.io.catalog.CatalogScanner;
import diffusionsat.io.catalog.CatalogWriter;
import diffusionsat.io.catalog.ScanResult;
import diffusionsat.io.raster.GdalRasters;
import diffusionsat.io.raster.NoData;
import diffusionsat.io.raster.Radiometry;
import diffusionsat.io.raster.Raster;
import diffusionsat.io.raster.RasterDataType;
import diffusionsat.io.raster.Sentinel2Preprocessing;
import diffusionsat.io.storage.Storage;
import diffusionsat.job.JobReport;
import diffusionsat.job.RunFolder;
import diffusionsat.job.SparkSessions;
import diffusionsat.job.config.ConfigLoader;
import diffusionsat.job.config.JobConfigs;
import diffusionsat.job.config.RunConfig;
import diffusionsat.job.config.Settings;
import diffusionsat.job.config.StorageConfig;
import diffusionsat.job.superres.SuperResolutionJob;
import diffusionsat.superres.BicubicSuperResolver;
import diffusionsat.superres.SuperResolutionInput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * Throughput of the local {@code superres} job (bicubic) over the bundled samples repeated to
 * about 200 tiles, and the share of a tile's time spent reading, computing and writing.
 *
 * <p>Usage: {@code scripts/benchmark.sh SuperResolutionJobBenchmark [tiles]}; prints Markdown.
 */
public final class SuperResolutionJobBenchmark {
    private SuperResolutionJobBenchmark() {}

    public static void main(String[] args) throws Exception {
        int tiles = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        Path samples = Path.of("conf/samples/sentinel2").toAbsolutePath();
        Path work = Files.createTempDirectory("superres-bench");
        Storage storage = Storage.local();

        String samplesCatalog = work.resolve("samples-catalog").toString();
        ScanResult scan = new CatalogScanner().scan(samples.toString(), storage);
        new CatalogWriter().write(scan.tiles(), samplesCatalog, storage, Optional.empty());

        Settings settings = ConfigLoader.load(List.of(), List.of("s3a.committer=file",
                "job.tilesPerPartition=8", "job.progressIntervalSeconds=30"));
        StorageConfig storageConfig = StorageConfig.from(settings);
        RunFolder run = new RunFolder(work.resolve("out").toString(), "superres", "bench");
        SparkSession spark = SparkSessions.create("superres-benchmark", "local[*]", storageConfig);
        String catalog = work.resolve("catalog").toString();
        // The samples repeated under new ids (the scanner records absolute hrefs).
        spark.read().parquet(samplesCatalog)
                .crossJoin(spark.range(tiles / scan.tiles().size() + 1).toDF("copy"))
                .withColumn("id", functions.concat_ws("-", functions.col("id"), functions.col("copy")))
                .limit(tiles).drop("copy")
                .write().parquet(catalog);
        long start = System.nanoTime();
        JobReport report;
        try {
            report = new SuperResolutionJob(catalog, Optional.empty(), run, RunConfig.from(settings),
                    JobConfigs.superres(settings, run.tiles()), storage).run(spark);
        } finally {
            spark.stop();
        }
        double seconds = (System.nanoTime() - start) / 1e9;

        double[] phases = phaseMillis(samples, storage, work, 40);
        System.out.printf(Locale.ROOT, "## superres job, bicubic x4, local[*] (%d cores), %s %s%n%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.version"));
        System.out.printf(Locale.ROOT, "| tiles | ok | seconds | tiles/s |%n|---:|---:|---:|---:|%n");
        System.out.printf(Locale.ROOT, "| %d | %d | %.1f | %.2f |%n%n", report.total(), report.ok(),
                seconds, report.total() / seconds);
        double total = phases[0] + phases[1] + phases[2];
        System.out.printf(Locale.ROOT, "Share of one tile's time (single thread, %d tiles): "
                + "read %.0f%%, compute %.0f%%, write %.0f%% (%.1f, %.1f, %.1f ms)%n", 40,
                100 * phases[0] / total, 100 * phases[1] / total, 100 * phases[2] / total,
                phases[0], phases[1], phases[2]);
    }

    /**
     * Mean milliseconds per tile of the three phases, timed directly: GDAL read, preprocess +
     * bicubic, COG write.
     */
    private static double[] phaseMillis(Path samples, Storage storage, Path work, int count) {
        long read = 0;
        long compute = 0;
        long write = 0;
        List<String> ids = List.of("s2_l1c_13band_svn_20150711", "s2_l1c_13band_svn_20150830");
        BicubicSuperResolver resolver = new BicubicSuperResolver();
        Sentinel2Preprocessing preprocessing = new Sentinel2Preprocessing(Radiometry.REFLECTANCE);
        for (int i = 0; i < count; i++) {
            String id = ids.get(i % ids.size());
            long t0 = System.nanoTime();
            Raster raster = GdalRasters.read(id, samples.resolve(id + ".tif").toString(), storage);
            long t1 = System.nanoTime();
            float[][] rgb = resolver.superResolve(new SuperResolutionInput(id, raster.width(),
                    raster.height(), preprocessing.rgb(id, raster), null, 0), 4);
            long t2 = System.nanoTime();
            GdalRasters.writeCog(new Raster(raster.width() * 4, raster.height() * 4,
                    List.of("R", "G", "B"), rgb, raster.transform().scaled(4), raster.crsWkt(),
                    new NoData.Value(Float.NaN)), work.resolve("phase-" + i + ".tif").toString(),
                    storage, RasterDataType.FLOAT32);
            long t3 = System.nanoTime();
            read += t1 - t0;
            compute += t2 - t1;
            write += t3 - t2;
        }
        return new double[] {read / 1e6 / count, compute / 1e6 / count, write / 1e6 / count};
    }
}
