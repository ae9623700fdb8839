package diffusionsat.spark;

import diffusionsat.io.stac.ItemAsset;
import diffusionsat.io.stac.OutputGeoreference;
import diffusionsat.io.stac.OutputItem;
import diffusionsat.io.storage.OutputNames;
import diffusionsat.io.storage.Storage;
import java.io.Serializable;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Publishes the record of a result row: {@code <records>/<id>.json}, the {@link OutputItem} of
 * its output, written after the output and under a temporary name first ({@link
 * Storage#writeString}), so that a record always stands for a complete output. Only ok rows get
 * one: a failed tile leaves no file under tiles/ (DESIGN.md §6), and a rerun redoes it.
 */
public final class TileRecorder implements Serializable {
    /** The result columns that are metrics: they go to the record's metrics object. */
    public static final Set<String> METRIC_COLUMNS = metricColumns();

    private final RunProvenance run;
    private final String records;
    private final StructType schema;
    private final Storage storage;

    /**
     * @param records the folder of the records ({@code <run>/tiles})
     * @param schema the columns of the rows to record
     */
    public TileRecorder(RunProvenance run, String records, StructType schema, Storage storage) {
        this.run = run;
        this.records = records;
        this.schema = schema;
        this.storage = storage;
    }

    /** The record's location for {@code id}. */
    public String recordUri(String id) {
        return records + "/" + OutputNames.fileName(id, ".json");
    }

    /** The id of a row to record. */
    public String idOf(Row row) {
        return text(row, "id");
    }

    /**
     * Publishes the record of {@code row}, made from {@code inputs}; returns the row. Without a
     * time from the inputs, a {@code datetime} column of the row gives it (a sequence's image).
     */
    public Row record(Row row, RecordInputs inputs) {
        String id = text(row, "id");
        if (id == null || OutputNames.problem(id).isPresent()) {
            return row;
        }
        String href = text(row, "href");
        if (!ResultRows.OK.equals(text(row, "status")) || href == null) {
            return row;
        }
        List<ItemAsset> assets = new ArrayList<>();
        assets.add(asset("data", href, List.of("data")));
        String uncertainty = text(row, "uncertainty_href");
        if (uncertainty != null) {
            assets.add(asset("uncertainty", uncertainty, List.of("data", "uncertainty")));
        }
        OutputGeoreference georeference = OutputGeoreference.read(id, href, storage)
                .orElse(null);
        Map<String, Object> result = new LinkedHashMap<>();
        Map<String, Object> metrics = new LinkedHashMap<>();
        for (int i = 0; i < schema.size(); i++) {
            String name = schema.fields()[i].name();
            Object value = plain(row.get(i));
            if (!METRIC_COLUMNS.contains(name)) {
                result.put(name, value);
            } else if (value != null) {
                metrics.put(name, value);
            }
        }
        OutputItem item = new OutputItem(id, OutputItem.collectionId(run.job(), run.runId()),
                datetime(row, inputs), Instant.now(), georeference, assets, result, metrics,
                provenance(row, inputs));
        storage.writeString(recordUri(id), item.toJson());
        return row;
    }

    private Map<String, Object> provenance(Row row, RecordInputs inputs) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("job", run.job());
        out.put("run_id", run.runId());
        out.put("model", text(row, "model"));
        out.put("checkpoint", run.checkpoint() == null ? null : run.checkpoint().checkpoint());
        out.put("checkpoint_digest", run.checkpoint() == null ? null
                : ExecutorModels.checkpointDigest(run.checkpoint(), storage));
        for (String column : List.of("scheduler", "steps", "guidance", "seed", "duration_ms")) {
            out.put(column, plain(row.get(schema.fieldIndex(column))));
        }
        out.put("output_type", run.outputType());
        out.put("software", run.software());
        out.put("inputs", inputs.hrefs());
        return out;
    }

    private Instant datetime(Row row, RecordInputs inputs) {
        if (inputs.datetime() != null) {
            return inputs.datetime();
        }
        int i = schema.getFieldIndex("datetime").isDefined() ? schema.fieldIndex("datetime") : -1;
        return i >= 0 && row.get(i) instanceof Timestamp t ? t.toInstant() : null;
    }

    private ItemAsset asset(String key, String href, List<String> roles) {
        return new ItemAsset(key, href, ItemAsset.typeOf(href), roles, storage.length(href));
    }

    private String text(Row row, String column) {
        int i = schema.getFieldIndex(column).isDefined() ? schema.fieldIndex(column) : -1;
        return i < 0 || row.isNullAt(i) ? null : row.get(i).toString();
    }

    /** Spark's collections as Java ones, so the JSON writer sees plain values. */
    private static Object plain(Object value) {
        if (value instanceof scala.collection.Seq<?> seq) {
            return CollectionConverters.asJava(seq);
        }
        if (value instanceof Object[] array) {
            return List.of(array);
        }
        return value;
    }

    private static Set<String> metricColumns() {
        Set<String> names = new HashSet<>(List.of(ResultRows.METRICS.fieldNames()));
        names.add("uncertainty");
        return Set.copyOf(names);
    }
}
