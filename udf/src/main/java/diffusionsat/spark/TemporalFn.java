package diffusionsat.spark;

import static diffusionsat.spark.PartitionProgress.elapsedMs;

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
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Predicts the temporal requests of one partition ({@link TemporalRows} input: a request with its
 * sequence's frames), lazily, {@code batchSize} requests per model call. A request's data problem
 * becomes a {@code failed} row naming it and the cause (an evaluation prediction with no frame on
 * its side, a {@code skipped} row); anything else fails the task.
 */
public record TemporalFn(TemporalSettings settings, Storage storage, String catalogUri)
        implements PartitionFn.Work<Row, TemporalFn.Predictor> {
    private static final Logger log = LoggerFactory.getLogger(TemporalFn.class);

    /** One partition's generator and the processor that prepares and finishes its requests. */
    record Predictor(ConditionalGenerator generator, TemporalProcessor processor) {}

    @Override
    public Predictor open() {
        ConditionalGenerator generator = TemporalGenerators.create(settings, storage);
        return new Predictor(generator, new TemporalProcessor(generator, settings, storage,
                catalogUri));
    }

    /** Prepares up to batchSize requests, generates them in one call, finishes each. */
    @Override
    public List<Row> nextBatch(Predictor predictor, Iterator<Row> rows,
            PartitionProgress progress) {
        TemporalProcessor processor = predictor.processor();
        ConditionalGenerator generator = predictor.generator();
        SamplerConfig sampler = settings.sampler();
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
                out.add(notDone(processor, request, row, start, e, progress));
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
                        PartitionProgress.elapsedMs(starts.get(i))));
                progress.done(1);
            } catch (TileException e) {
                out.add(notDone(processor, prepared.request(), null, starts.get(i), e,
                        progress));
            }
        }
        return out;
    }

    private Row notDone(TemporalProcessor processor, TemporalRequest request, Row row,
            long start, TileException e, PartitionProgress progress) {
        boolean skip = e instanceof NoConditioningFramesException && request != null
                && request.evaluates();
        String id = request != null && request.id() != null ? request.id() : rawId(row);
        if (skip) {
            log.info("{}", e.getMessage());
            progress.done(1);
        } else {
            progress.failed(e);
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
}
