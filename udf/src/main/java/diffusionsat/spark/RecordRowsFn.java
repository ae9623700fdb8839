package diffusionsat.spark;

import java.util.Iterator;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Records rows whose outputs a step before published (a scene's assembled COG): each row holds
 * the {@code columns} result columns, then columns its {@code inputs} function reads; it comes
 * out as just the result columns, its record written.
 */
public final class RecordRowsFn implements MapPartitionsFunction<Row, Row> {
    private final TileRecorder recorder;
    private final MapFunction<Row, RecordInputs> inputs;
    private final int columns;

    public RecordRowsFn(TileRecorder recorder, MapFunction<Row, RecordInputs> inputs,
            int columns) {
        this.recorder = recorder;
        this.inputs = inputs;
        this.columns = columns;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        return LazyIterators.mapped(rows, joined -> {
            Object[] values = new Object[columns];
            for (int i = 0; i < columns; i++) {
                values[i] = joined.get(i);
            }
            return recorder.record(RowFactory.create(values), inputsOf(joined));
        });
    }

    private RecordInputs inputsOf(Row row) {
        try {
            return inputs.call(row);
        } catch (Exception unreadable) {
            return RecordInputs.none();   // the row already says why its item failed
        }
    }
}
