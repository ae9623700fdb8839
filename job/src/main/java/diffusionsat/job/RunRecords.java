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
 * {@code ok} record whose output is present with the length the record states. Both sides are
 * Spark data sources, the records read as JSON and the outputs listed as files without their
 * content, joined on the executors: the driver holds neither the rows nor one existence check
 * per tile, only Spark's listing of the two folders.
 */
public final class RunRecords {
    private static final String SIZE = "record_size";
    private static final String NAME = "output_name";

    private final String records;
    private final String outputs;
    private final Storage storage;

    /**
     * @param records the folder of the records ({@code <run>/tiles})
     * @param outputs the folder of the outputs they name ({@code tiles/}, or {@code images/})
     */
    public RunRecords(String records, String outputs, Storage storage) {
        this.records = records;
        this.outputs = outputs;
        this.storage = storage;
    }

    /**
     * The rows (in {@code schema}) of the records whose outputs are in place, persisted: the
     * tables written after the work read them again.
     */
    public Dataset<Row> finished(SparkSession spark, StructType schema) {
        if (!storage.exists(records) || !storage.exists(outputs)) {
            return spark.createDataFrame(List.of(), schema);
        }
        Dataset<Row> rows = spark.read().schema(recordSchema(schema))
                .option("pathGlobFilter", "*.json").json(records)
                .select(recordColumns(schema))
                .filter(functions.col("status").equalTo(ResultRows.OK)
                        .and(functions.col("href").isNotNull()));
        Dataset<Row> files = spark.read().format("binaryFile").load(outputs)
                .select(fileName(functions.col("path")).as(NAME), functions.col("length"));
        return rows.join(files, fileName(rows.col("href")).equalTo(files.col(NAME))
                        .and(rows.col(SIZE).equalTo(files.col("length"))), "left_semi")
                .select(Columns.of(schema.fieldNames()))
                .persist(StorageLevel.MEMORY_AND_DISK());
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

    private static Column fileName(Column uri) {
        return functions.regexp_extract(uri, "[^/]+$", 0);
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
