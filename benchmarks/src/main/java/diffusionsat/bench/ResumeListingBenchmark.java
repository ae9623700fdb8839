package diffusionsat.bench;

import diffusionsat.io.stac.ItemAsset;
import diffusionsat.io.stac.OutputGeoreference;
import diffusionsat.io.stac.OutputItem;
import diffusionsat.io.storage.Storage;
import diffusionsat.job.RunRecords;
import diffusionsat.job.SparkSessions;
import diffusionsat.job.cli.Main;
import diffusionsat.spark.ResultRows;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * The resume listing at scale: a synthetic catalogue of N rows (Parquet, written by Spark) and a
 * run folder whose tiles/ holds a record (a real {@link OutputItem}, ~1.6 kB) and a small
 * stand-in output for every second row, then what a rerun does before any work: the records
 * read and each one's output looked up ({@link RunRecords#finished}), and the
 * catalogue anti-joined with them (the tiles still to do). Prints seconds and the driver's peak
 * heap use (sampled every 20 ms) as one Markdown row; run it with the heap it is to fit in.
 *
 * <p>Usage: {@code DIFFUSIONSAT_HEAP=2g scripts/benchmark.sh ResumeListingBenchmark <rows>
 * <folder> [listing|dry-run]}: {@code dry-run} runs {@code superres --dry-run} on the same
 * folder instead (the whole job up to its plan, in this JVM). An existing folder for the same
 * rows is reused (generation is timed once).
 */
public final class ResumeListingBenchmark {
    private static final int OUTPUT_BYTES = 64;

    private ResumeListingBenchmark() {}

    public static void main(String[] args) throws Exception {
        int rows = Integer.parseInt(args[0]);
        Path root = Path.of(args[1]).resolve(String.valueOf(rows));
        boolean dryRun = args.length > 2 && args[2].equals("dry-run");
        // The listing reads the records as the jobs' sessions do (SparkSessions): thousands a
        // task, unless -Dspark.sql.files.openCostInBytes=4m asks for Spark's default.
        String openCost = System.getProperty(SparkSessions.FILE_OPEN_COST,
                SparkSessions.SMALL_FILES_OPEN_COST);
        SparkSession spark = SparkSession.builder().master("local[*]").appName("resume-bench")
                .config(SparkSessions.FILE_OPEN_COST, openCost)
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
        Path tiles = root.resolve("out/superres/bench/tiles");
        if (!Files.exists(root.resolve("ready"))) {
            long start = System.nanoTime();
            spark.range(rows).select(functions.format_string("t%08d", functions.col("id")).as("id"),
                    functions.format_string("inputs/t%08d.tif", functions.col("id")).as("href"))
                    .write().parquet(root.resolve("catalog").toString());
            double catalogSeconds = seconds(start);
            start = System.nanoTime();
            Files.createDirectories(tiles);
            IntStream.range(0, rows / 2).parallel().forEach(i -> writeFinished(tiles, i * 2));
            System.out.printf(Locale.ROOT, "generated %d rows: catalogue %.1f s, %d records + "
                    + "%d outputs %.1f s%n", rows, catalogSeconds, rows / 2, rows / 2,
                    seconds(start));
            Files.writeString(root.resolve("ready"), "");
        }
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long baseline = memory.getHeapMemoryUsage().getUsed();
        AtomicLong peak = new AtomicLong(baseline);
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.setDaemon(true);
        sampler.start();
        long start = System.nanoTime();
        String counts;
        if (dryRun) {
            spark.stop();                                // the job starts its own session
            int exit = Main.run("superres", "--catalog", root.resolve("catalog").toString(),
                    "--output", root.resolve("out").toString(), "--run-id", "bench",
                    "--master", "local[*]", "--dry-run");
            counts = "exit " + exit;
        } else {
            Storage storage = Storage.local();
            Dataset<Row> carried = new RunRecords(tiles.toString(), storage)
                    .finished(spark, ResultRows.WITH_UNCERTAINTY);
            long finished = carried.count();
            Dataset<Row> catalog = spark.read().parquet(root.resolve("catalog").toString());
            long todo = catalog.join(carried.select("id"),
                    catalog.col("id").equalTo(carried.col("id")), "left_anti").count();
            counts = String.format(Locale.ROOT, "%,d carried, %,d to do; %,d read tasks (open"
                    + " cost %s)", finished, todo, carried.rdd().getNumPartitions(), openCost);
            spark.stop();
        }
        double seconds = seconds(start);
        sampler.interrupt();
        System.out.printf(Locale.ROOT, "| %s | %,d | %s | %.1f | %d | %d | %d |%n",
                dryRun ? "--dry-run" : "listing + anti-join", rows, counts, seconds,
                baseline >> 20, peak.get() >> 20, memory.getHeapMemoryUsage().getMax() >> 20);
    }

    /** An ok record of tile {@code i} (as TileRecorder writes it) and its stand-in output. */
    private static void writeFinished(Path tiles, int i) {
        String id = String.format(Locale.ROOT, "t%08d", i);
        String href = tiles.resolve(id + ".tif").toUri().toString();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("id", id);
        result.put("status", ResultRows.OK);
        result.put("href", href);
        result.put("seed", 1234567L + i);
        result.put("model", "bicubic");
        result.put("duration_ms", 850L);
        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("job", "superres");
        provenance.put("model", "bicubic");
        provenance.put("software_version", "0.1.0-SNAPSHOT");
        provenance.put("inputs", List.of("inputs/" + id + ".tif"));
        double x = 465000 + (i % 1000) * 400.0;
        double y = 5080000 - (i / 1000) * 400.0;
        OutputGeoreference geo = new OutputGeoreference(32633, null, 400, 404,
                new double[] {2.5, 0, x, 0, -2.5, y}, new double[] {x, y - 1010, x + 1000, y},
                new double[] {15.1, 45.8, 15.2, 45.9},
                new double[][] {{15.1, 45.8}, {15.2, 45.8}, {15.2, 45.9}, {15.1, 45.9},
                    {15.1, 45.8}});
        OutputItem item = new OutputItem(id, OutputItem.collectionId("superres", "bench"),
                Instant.parse("2015-07-11T10:00:00Z"), Instant.now(), geo,
                List.of(new ItemAsset("data", href, ItemAsset.COG, List.of("data"),
                        OUTPUT_BYTES)), result, Map.of("psnr", 35.7, "ssim", 0.9), provenance);
        try {
            Files.write(tiles.resolve(id + ".tif"), new byte[OUTPUT_BYTES]);
            Files.writeString(tiles.resolve(id + ".json"), item.toJson(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
