package diffusionsat.spark;

import java.util.Iterator;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;

/**
 * A tile job's per-partition function followed by the record of each row it emits ({@link
 * TileRecorder}): the row's output is published by then, so its record is its commit point.
 * The functions wrapped are lazy, one item in flight (STYLE.md §3.8): a row comes from the last
 * item they took, whose inputs the record names.
 */
public final class RecordedFn<T> implements MapPartitionsFunction<T, Row> {
    private final MapPartitionsFunction<T, Row> work;
    private final TileRecorder recorder;
    private final MapFunction<T, RecordInputs> inputs;

    /** @param inputs an item's input files and time; an item it cannot read names none */
    public RecordedFn(MapPartitionsFunction<T, Row> work, TileRecorder recorder,
            MapFunction<T, RecordInputs> inputs) {
        this.work = work;
        this.recorder = recorder;
        this.inputs = inputs;
    }

    @Override
    public Iterator<Row> call(Iterator<T> items) throws Exception {
        LastTaken<T> taken = new LastTaken<>(items);
        Iterator<Row> rows = work.call(taken);
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public Row next() {
                return recorder.record(rows.next(), inputsOf(taken.last()));
            }
        };
    }

    private RecordInputs inputsOf(T item) {
        try {
            return item == null ? RecordInputs.none() : inputs.call(item);
        } catch (Exception unreadable) {
            return RecordInputs.none();   // the row already says why the item failed
        }
    }

    /** The items, remembering the last one handed out. */
    private static final class LastTaken<T> implements Iterator<T> {
        private final Iterator<T> items;
        private T last;

        LastTaken(Iterator<T> items) {
            this.items = items;
        }

        @Override
        public boolean hasNext() {
            return items.hasNext();
        }

        @Override
        public T next() {
            last = items.next();
            return last;
        }

        T last() {
            return last;
        }
    }
}
