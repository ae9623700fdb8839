package diffusionsat.spark;

import diffusionsat.io.TileException;
import diffusionsat.io.storage.Storage;
import diffusionsat.sampling.ConditionalGenerator;
import diffusionsat.sampling.ConditionalRequest;
import diffusionsat.sampling.SamplerConfig;
import diffusionsat.temporal.NoConditioningFramesException;
import diffusionsat.temporal.TemporalGenerators;
import diffusionsat.temporal.TemporalProcessor;
import diffusionsat.temporal.TemporalRequest;
import diffusionsat.temporal.TemporalSettings;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.util.LongAccumulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Predicts the temporal requests of one partition ({@link TemporalRows} input: a request with its
 * sequence's frames), lazily, {@code batchSize} requests per model call. A request's data problem
 * becomes a {@code failed} row naming it and the cause (an evaluation prediction with no frame on
 * its side, a {@code skipped} row); anything else fails the task.
 */
public final class TemporalFn implements MapPartitionsFunction<Row, Row> {
    private static final Logger log = LoggerFactory.getLogger(TemporalFn.class);

    private final TemporalSettings settings;
    private final Storage storage;
    private final String catalogUri;
    private final LongAccumulator done;
    private final LongAccumulator failed;

    public TemporalFn(TemporalSettings settings, Storage storage, String catalogUri,
            LongAccumulator done, LongAccumulator failed) {
        this.settings = settings;
        this.storage = storage;
        this.catalogUri = catalogUri;
        this.done = done;
        this.failed = failed;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        ConditionalGenerator generator = TemporalGenerators.create(settings, storage);
        TemporalProcessor processor = new TemporalProcessor(generator, settings, storage,
                catalogUri);
        SamplerConfig sampler = settings.sampler();
        int partition = TaskContext.get() == null ? -1 : TaskContext.get().partitionId();
        return new Iterator<>() {
            private Iterator<Row> batch = Collections.emptyIterator();
            private long count;

            @Override
            public boolean hasNext() {
                if (!batch.hasNext() && rows.hasNext()) {
                    List<Row> results = runBatch(processor, generator, sampler, rows);
                    count += results.size();
                    batch = results.iterator();
                    log.info("partition {}: {} requests done", partition, count);
                }
                return batch.hasNext();
            }

            @Override
            public Row next() {
                hasNext();
                return batch.next();
            }
        };
    }

    /** Prepares up to batchSize requests, generates them in one call, finishes each. */
    private List<Row> runBatch(TemporalProcessor processor, ConditionalGenerator generator,
            SamplerConfig sampler, Iterator<Row> rows) {
        List<Row> out = new ArrayList<>();
        List<TemporalProcessor.Prepared> ready = new ArrayList<>();
        List<Long> starts = new ArrayList<>();
        while (rows.hasNext() && ready.size() < sampler.batchSize()) {
            long start = System.nanoTime();
            Row row = rows.next();
            TemporalRequest request = null;
            try {
                request = TemporalRows.request(row);
                ready.add(processor.prepare(request, TemporalRows.frames(request.id(), row)));
                starts.add(start);
            } catch (TileException e) {
                out.add(notDone(processor, request, row, start, e));
            }
        }
        if (ready.isEmpty()) {
            return out;
        }
        List<ConditionalRequest> conditionals = ready.stream()
                .map(TemporalProcessor.Prepared::conditional).toList();
        List<float[][]> images = generator.generate(conditionals, sampler);
        for (int i = 0; i < ready.size(); i++) {
            TemporalProcessor.Prepared prepared = ready.get(i);
            String id = prepared.request().id();
            try {
                TemporalProcessor.Outcome outcome = processor.finish(prepared, images.get(i));
                out.add(TemporalRows.ok(outcome, processor.seed(id),
                        settings.sampling(generator.batchInvariant(sampler)),
                        elapsedMs(starts.get(i))));
                done.add(1);
            } catch (TileException e) {
                out.add(notDone(processor, prepared.request(), null, starts.get(i), e));
            }
        }
        return out;
    }

    private Row notDone(TemporalProcessor processor, TemporalRequest request, Row row,
            long start, TileException e) {
        boolean skip = e instanceof NoConditioningFramesException && request != null
                && request.evaluates();
        String id = request != null && request.id() != null ? request.id() : rawId(row);
        if (skip) {
            log.info("{}", e.getMessage());
            done.add(1);
        } else {
            log.warn("{}", e.getMessage());
            failed.add(1);
        }
        return TemporalRows.notDone(skip ? TemporalRows.SKIPPED : ResultRows.FAILED, id, request,
                processor.seed(id), settings.sampling(null), elapsedMs(start), e);
    }

    /** The id of a row whose request could not be read: its id column, else its sequence. */
    private static String rawId(Row row) {
        for (String column : new String[] {TemporalRows.REQUEST_ID, TemporalRows.SEQUENCE_ID}) {
            Object value = row == null ? null : row.getAs(column);
            if (value != null && !value.toString().isBlank()) {
                return value.toString();
            }
        }
        return "(no id)";
    }

    private static long elapsedMs(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
