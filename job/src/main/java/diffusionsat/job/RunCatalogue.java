package diffusionsat.job;

import diffusionsat.io.stac.OutputItem;
import diffusionsat.io.stac.RunCollection;
import diffusionsat.io.storage.Storage;
import diffusionsat.spark.ResultRows;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Makes a run's outputs discoverable (DESIGN.md §3): {@code items.ndjson} (the record of every
 * ok row of results/, one STAC Item per line), {@code items.json} (the same Items as a STAC
 * ItemCollection, which GDAL's STACIT driver opens as a mosaic) and {@code collection.json}
 * (their extent and summaries). The records are read and filtered in Spark; the driver streams
 * the two files a bounded piece at a time and holds only the aggregates.
 */
public final class RunCatalogue {
    private static final StructType ITEM = new StructType()
            .add("id", DataTypes.StringType)
            .add("bbox", DataTypes.createArrayType(DataTypes.DoubleType))
            .add("properties", new StructType()
                    .add("datetime", DataTypes.TimestampType)
                    .add("proj:epsg", DataTypes.IntegerType)
                    .add(OutputItem.RESULT, new StructType()
                            .add("status", DataTypes.StringType)
                            .add("model", DataTypes.StringType)));

    /** Items the driver holds at once while it writes the files (about 40 MB of JSON). */
    private static final int ITEMS_PER_PIECE = 10_000;

    private RunCatalogue() {}

    /** Writes the three files of {@code run} from its records and its results table. */
    public static void write(SparkSession spark, RunFolder run, Storage storage) {
        Dataset<Row> items = okItems(spark, run, storage).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            RunCollection collection = collection(run, items);
            // Bounded pieces on the driver: about ITEMS_PER_PIECE items at a time.
            int pieces = (int) Math.max(1, (collection.items() + ITEMS_PER_PIECE - 1)
                    / ITEMS_PER_PIECE);
            storage.write(run.root() + "/items.ndjson", out -> {
                for (Iterator<String> it = lines(items, pieces); it.hasNext(); ) {
                    out.write((it.next() + "\n").getBytes(StandardCharsets.UTF_8));
                }
            });
            storage.write(run.root() + "/items.json", out -> {
                out.write("{\"type\":\"FeatureCollection\",\"features\":[\n"
                        .getBytes(StandardCharsets.UTF_8));
                String separator = "";
                for (Iterator<String> it = lines(items, pieces); it.hasNext(); ) {
                    out.write((separator + it.next()).getBytes(StandardCharsets.UTF_8));
                    separator = ",\n";
                }
                out.write("\n]}\n".getBytes(StandardCharsets.UTF_8));
            });
            storage.writeString(run.root() + "/collection.json", collection.toJson());
        } finally {
            items.unpersist();
        }
    }

    /** The records of the ok rows of results/: the JSON text and the fields summarised. */
    private static Dataset<Row> okItems(SparkSession spark, RunFolder run, Storage storage) {
        Dataset<Row> ok = spark.read().parquet(run.results())
                .filter(functions.col("status").equalTo(ResultRows.OK)).select("id");
        if (!storage.exists(run.tiles())) {
            return spark.createDataFrame(List.of(), new StructType()
                    .add("value", DataTypes.StringType).add("item", ITEM));
        }
        Dataset<Row> records = spark.read().option("pathGlobFilter", "*.json").text(run.tiles())
                .select(functions.col("value"), functions.from_json(functions.col("value"), ITEM)
                        .as("item"));
        Column status = functions.col("item.properties").getField(OutputItem.RESULT)
                .getField("status");
        return records.filter(status.equalTo(ResultRows.OK))
                .join(ok, records.col("item.id").equalTo(ok.col("id")), "left_semi");
    }

    /**
     * The items' JSON lines, {@code pieces} partitions fetched one after the other; their links
     * resolve from the run folder, where these copies lie (the records' from tiles/).
     */
    private static Iterator<String> lines(Dataset<Row> items, int pieces) {
        return items.select("value").as(Encoders.STRING())
                .map((MapFunction<String, String>) item -> OutputItem.withCollectionHref(item,
                        OutputItem.COLLECTION_FROM_RUN), Encoders.STRING())
                .coalesce(pieces).toLocalIterator();
    }

    private static RunCollection collection(RunFolder run, Dataset<Row> items) {
        Column bbox = functions.col("item.bbox");
        Column properties = functions.col("item.properties");
        Row extent = items.agg(functions.count("*"),
                functions.min(bbox.getItem(0)), functions.min(bbox.getItem(1)),
                functions.max(bbox.getItem(2)), functions.max(bbox.getItem(3)),
                functions.min(properties.getField("datetime")),
                functions.max(properties.getField("datetime")),
                functions.collect_set(properties.getField("proj:epsg")),
                functions.collect_set(properties.getField(OutputItem.RESULT).getField("model")))
                .first();
        double[] box = extent.isNullAt(1) ? null : new double[] {extent.getDouble(1),
            extent.getDouble(2), extent.getDouble(3), extent.getDouble(4)};
        Map<String, List<Object>> summaries = new LinkedHashMap<>();
        summaries.put("proj:epsg", sorted(extent.getList(7)));
        summaries.put("diffusionsat:model", sorted(extent.getList(8)));
        return new RunCollection(OutputItem.collectionId(run.job(), run.runId()),
                "DiffusionSat " + run.job() + " outputs of run " + run.runId(),
                extent.getLong(0), box, instant(extent, 5), instant(extent, 6), summaries);
    }

    private static List<Object> sorted(List<Object> values) {
        return values.stream().sorted((a, b) -> a.toString().compareTo(b.toString())).toList();
    }

    private static Instant instant(Row row, int index) {
        return row.isNullAt(index) ? null : ((Timestamp) row.get(index)).toInstant();
    }
}
