package diffusionsat.job;

import diffusionsat.io.SoftwareVersion;
import diffusionsat.io.stac.OutputItem;
import diffusionsat.io.storage.Storage;
import diffusionsat.spark.ModelConfig;
import diffusionsat.spark.ResultRows;
import diffusionsat.spark.RunProvenance;
import diffusionsat.spark.TileRecorder;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.function.FilterFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * What an earlier attempt of a run finished, read from its records (DESIGN.md §3, resume): every
 * {@code ok} record whose output is present with the length the record states. The records are
 * read as a Spark JSON source, thousands of these small files a task ({@link SparkSessions}:
 * the open cost Spark assumes per file); each record's output is looked up by the executor that
 * reads it. The driver holds neither the rows nor one existence check per tile, only Spark's
 * listing of the records' folder (one file status per record).
 */
public final class RunRecords {
    private static final String SIZE = "record_size";

    private final String records;
    private final Storage storage;

    /** @param records the folder of the records ({@code <run>/tiles}) */
    public RunRecords(String records, Storage storage) {
        this.records = records;
        this.storage = storage;
    }

    /**
     * The rows (in {@code schema}) of the records whose outputs are in place, persisted: the
     * tables written after the work read them again.
     */
    public Dataset<Row> finished(SparkSession spark, StructType schema) {
        if (!storage.exists(records)) {
            return spark.createDataFrame(List.of(), schema);
        }
        Dataset<Row> rows = spark.read().schema(recordSchema(schema))
                .option("pathGlobFilter", "*.json").json(records)
                .select(recordColumns(schema))
                .filter(functions.col("status").equalTo(ResultRows.OK)
                        .and(functions.col("href").isNotNull()));
        Storage files = storage;                 // the function ships this, not RunRecords
        return rows.filter((FilterFunction<Row>) record -> outputInPlace(files, record))
                .select(Columns.of(schema.fieldNames()))
                .persist(StorageLevel.MEMORY_AND_DISK());
    }

    /** Whether a record's output is there with the length the record states. */
    private static boolean outputInPlace(Storage storage, Row record) {
        Long size = record.getAs(SIZE);
        return size != null && storage.lengthIfPresent(record.getAs("href")) == size;
    }

    /** The recorder of {@code run}'s rows of {@code schema}, with the run's provenance. */
    public static TileRecorder recorder(RunFolder run, ModelConfig checkpoint, String outputType,
            StructType schema, Storage storage) {
        return new TileRecorder(new RunProvenance(run.job(), run.runId(), checkpoint, outputType,
                SoftwareVersion.current()), run.tiles(), schema, storage);
    }

    /** {@code carried} without the ids {@code fresh} has rows for: each id once in the tables. */
    public static Dataset<Row> notRedone(Dataset<Row> carried, Dataset<Row> fresh) {
        return carried.join(fresh.select("id"), carried.col("id").equalTo(fresh.col("id")),
                "left_anti");
    }

    /** The result columns, the metric columns and the data asset's size of a record. */
    private static Column[] recordColumns(StructType schema) {
        List<Column> out = new ArrayList<>();
        Column properties = functions.col("properties");
        for (StructField field : schema.fields()) {
            String group = TileRecorder.METRIC_COLUMNS.contains(field.name())
                    ? OutputItem.METRICS : OutputItem.RESULT;
            out.add(properties.getField(group).getField(field.name()).as(field.name()));
        }
        out.add(functions.col("assets").getField("data").getField("file:size").as(SIZE));
        return out.toArray(Column[]::new);
    }

    /** The part of an {@link OutputItem} a rerun reads, typed as the job's rows. */
    static StructType recordSchema(StructType schema) {
        StructType result = new StructType();
        StructType metrics = new StructType();
        for (StructField field : schema.fields()) {
            StructField nullable = new StructField(field.name(), field.dataType(), true,
                    field.metadata());
            if (TileRecorder.METRIC_COLUMNS.contains(field.name())) {
                metrics = metrics.add(nullable);
            } else {
                result = result.add(nullable);
            }
        }
        StructType data = new StructType().add("file:size", DataTypes.LongType);
        return new StructType()
                .add("properties", new StructType().add(OutputItem.RESULT, result)
                        .add(OutputItem.METRICS, metrics))
                .add("assets", new StructType().add("data", data));
    }
}
