package diffusionsat.spark;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;

/**
 * A tile job's per-partition function followed by the record of each row it emits ({@link
 * TileRecorder}): the row's output is published by then, so its record is its commit point.
 * Each item's inputs are noted by id as the function takes it and named in the record of the row
 * with that id; the functions batch a few items, so only a batch's worth is held.
 */
public final class RecordedFn<T> implements MapPartitionsFunction<T, Row> {
    private final MapPartitionsFunction<T, Row> work;
    private final TileRecorder recorder;
    private final MapFunction<T, RecordInputs> inputs;

    /** @param inputs an item's id, input files and time; an item it cannot read names none */
    public RecordedFn(MapPartitionsFunction<T, Row> work, TileRecorder recorder,
            MapFunction<T, RecordInputs> inputs) {
        this.work = work;
        this.recorder = recorder;
        this.inputs = inputs;
    }

    @Override
    public Iterator<Row> call(Iterator<T> items) throws Exception {
        Map<String, RecordInputs> taken = new HashMap<>();
        Iterator<Row> rows = work.call(LazyIterators.mapped(items, item -> {
            RecordInputs noted = inputsOf(item);
            if (noted.id() != null) {
                taken.put(noted.id(), noted);
            }
            return item;
        }));
        return LazyIterators.mapped(rows, row -> {
            RecordInputs noted = taken.remove(recorder.idOf(row));
            return recorder.record(row, noted == null ? RecordInputs.none() : noted);
        });
    }

    private RecordInputs inputsOf(T item) {
        try {
            return inputs.call(item);
        } catch (Exception unreadable) {
            return RecordInputs.none();   // the item's own row says why it cannot be read
        }
    }
}
