package diffusionsat.spark;

import diffusionsat.generate.GenerationProcessor;
import diffusionsat.generate.GenerationRequest;
import diffusionsat.generate.GenerationSettings;
import diffusionsat.io.TileException;
import diffusionsat.io.storage.Storage;
import diffusionsat.sampling.GeneratedImage;
import diffusionsat.sampling.SamplingInfo;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.util.LongAccumulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples the requests of one partition through this executor's cached pipeline, one batch of
 * {@code sampler.batchSize} rows at a time (lazily). A row that fails validation becomes a
 * {@code failed} row naming it and the cause, before its batch is sampled; the rest go on.
 * Expects the columns id, caption (strings), lon, lat, gsd, cloud_cover (doubles), datetime.
 */
public final class GenerateFn implements MapPartitionsFunction<Row, Row> {
    private static final Logger log = LoggerFactory.getLogger(GenerateFn.class);

    private final GenerationSettings settings;
    private final Storage storage;
    private final LongAccumulator done;
    private final LongAccumulator failed;

    public GenerateFn(GenerationSettings settings, Storage storage, LongAccumulator done,
            LongAccumulator failed) {
        this.settings = settings;
        this.storage = storage;
        this.done = done;
        this.failed = failed;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        GenerationProcessor processor = new GenerationProcessor(
                ExecutorModels.get(settings.model(), storage), settings, storage);
        int partition = TaskContext.get() == null ? -1 : TaskContext.get().partitionId();
        return new Iterator<>() {
            private final Deque<Row> ready = new ArrayDeque<>();
            private long emitted;

            @Override
            public boolean hasNext() {
                while (ready.isEmpty() && rows.hasNext()) {
                    ready.addAll(nextBatch(processor, rows));
                    log.info("partition {}: {} requests done", partition,
                            emitted + ready.size());
                }
                return !ready.isEmpty();
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                emitted++;
                return ready.poll();
            }
        };
    }

    private List<Row> nextBatch(GenerationProcessor processor, Iterator<Row> rows) {
        List<Row> out = new ArrayList<>();
        List<GenerationRequest> valid = new ArrayList<>();
        while (valid.size() + out.size() < settings.sampler().batchSize() && rows.hasNext()) {
            Row row = rows.next();
            String id = string(row, "id");
            try {
                valid.add(GenerationRequest.of(id, string(row, "caption"), number(row, "lon"),
                        number(row, "lat"), number(row, "gsd"), number(row, "cloud_cover"),
                        value(row, "datetime")));
            } catch (TileException e) {
                log.warn("{}", e.getMessage());
                failed.add(1);
                out.add(ResultRows.failed(id == null ? "" : id,
                        id == null ? 0 : processor.seed(id), sampling(processor), 0, e));
            }
        }
        if (!valid.isEmpty()) {
            long start = System.nanoTime();
            List<GeneratedImage> images = processor.process(valid);
            long perImageMs = (System.nanoTime() - start) / 1_000_000 / images.size();
            for (GeneratedImage image : images) {
                out.add(ResultRows.ok(image.id(), processor.imageUri(image.id()),
                        processor.seed(image.id()), sampling(processor), perImageMs, null));
            }
        }
        done.add(out.size());
        return out;
    }

    private SamplingInfo sampling(GenerationProcessor processor) {
        return SamplingInfo.of(settings.model().checkpoint(), settings.sampler(),
                processor.batchInvariant());
    }

    private static String string(Row row, String column) {
        Object value = value(row, column);
        return value == null ? null : value.toString();
    }

    private static Double number(Row row, String column) {
        Object value = value(row, column);
        return value == null ? null : ((Number) value).doubleValue();
    }

    private static Object value(Row row, String column) {
        if (row.schema().getFieldIndex(column).isEmpty()) {
            return null;
        }
        int i = row.fieldIndex(column);
        return row.isNullAt(i) ? null : row.get(i);
    }
}
