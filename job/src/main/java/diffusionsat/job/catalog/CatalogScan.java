package diffusionsat.job.catalog;

import diffusionsat.io.ConfigException;
import diffusionsat.io.catalog.CatalogScanner;
import diffusionsat.io.catalog.CollectionProfile;
import diffusionsat.io.catalog.ScanResult;
import diffusionsat.io.raster.Radiometry;
import diffusionsat.io.stac.StacItemScanner;
import diffusionsat.io.stac.StacScan;
import diffusionsat.io.storage.Storage;
import diffusionsat.job.SparkSessions;
import diffusionsat.job.config.CollectionProfiles;
import diffusionsat.job.config.Settings;
import diffusionsat.job.config.StorageConfig;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How {@code catalog} scans (the {@code catalog.*} settings): in this JVM, or as a Spark job
 * with the listing and STAC link following on the driver and the GDAL header reads on the
 * executors ({@code catalog.scan: spark}); rows and rejections come back to the driver, which
 * writes the catalogue.
 */
public final class CatalogScan {
    private static final Logger log = LoggerFactory.getLogger(CatalogScan.class);

    private final StorageConfig storage;
    private final Map<String, CollectionProfile> profiles;
    private final StacItemScanner stacScanner;
    private final boolean distributed;
    private final String master;

    /**
     * @param catalogueUri the catalogue being written (VRTs go beside it)
     * @param master the Spark master for a distributed scan, null where spark-submit set one
     */
    public CatalogScan(Settings settings, StorageConfig storage, String catalogueUri,
            String master) {
        this.storage = storage;
        String base = catalogueUri.endsWith("/")
                ? catalogueUri.substring(0, catalogueUri.length() - 1) : catalogueUri;
        this.profiles = CollectionProfiles.from(settings);
        this.stacScanner = new StacItemScanner(base + "/" + StacScan.VRT_FOLDER, profiles,
                settings.choice("io.radiometry", Radiometry.class));
        String mode = settings.string("catalog.scan");
        if (!mode.equals("driver") && !mode.equals("spark")) {
            throw new ConfigException("catalog.scan", mode, "must be driver or spark");
        }
        this.distributed = mode.equals("spark");
        this.master = master;
    }

    /** Scans the rasters under {@code inputUri}, all in {@code collection} unless null. */
    public ScanResult rasters(String inputUri, String collection, Storage driverStorage) {
        return rasters(inputUri, collection, driverStorage, Set.of());
    }

    /**
     * Scans the rasters under {@code inputUri} but {@code excluded} (targets and masks), all in
     * {@code collection} unless null.
     */
    public ScanResult rasters(String inputUri, String collection, Storage driverStorage,
            Set<String> excluded) {
        CatalogScanner scanner = new CatalogScanner(collection, profiles);
        if (!distributed) {
            return scanner.scan(inputUri, driverStorage, excluded);
        }
        return withSpark(spark -> scanner.scan(inputUri, driverStorage, excluded,
                files -> onExecutors(spark, files, scanner::describe)));
    }

    /** Scans the STAC input {@code inputUri}. */
    public StacScan.Result stac(String inputUri, Storage driverStorage) {
        if (!distributed) {
            return StacScan.run(inputUri, stacScanner, driverStorage);
        }
        StacItemScanner scanner = stacScanner;
        return withSpark(spark -> StacScan.run(inputUri, driverStorage,
                sources -> onExecutors(spark, sources, scanner::scan)));
    }

    private <R> R withSpark(Function<SparkSession, R> scan) {
        SparkSession spark = SparkSessions.create("diffusionsat-catalog", master, storage);
        try {
            return scan.apply(spark);
        } finally {
            spark.stop();
        }
    }

    /** {@code work} on each element, on the executors, in order; results to the driver. */
    private <T extends Serializable, R> List<R> onExecutors(SparkSession spark, List<T> elements,
            ExecutorWork<T, R> work) {
        if (elements.isEmpty()) {
            return List.of();
        }
        JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int partitions = Math.max(1, Math.min(elements.size(), context.defaultParallelism() * 4));
        log.info("catalogue: {} header reads in {} Spark partitions", elements.size(),
                partitions);
        StorageConfig settings = storage;
        return context.parallelize(elements, partitions)
                .mapPartitions(batch -> {
                    Storage executorStorage = Storage.of(settings.hadoopSettings());
                    List<R> out = new ArrayList<>();
                    batch.forEachRemaining(element -> out.add(work.apply(element,
                            executorStorage)));
                    return out.iterator();
                })
                .collect();
    }

    /** The per-element work of a distributed scan; shipped to the executors. */
    private interface ExecutorWork<T, R> extends Serializable {
        R apply(T element, Storage storage);
    }
}
