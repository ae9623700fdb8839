package diffusionsat.spark;

import diffusionsat.inpaint.InpaintOutcome;
import diffusionsat.inpaint.InpaintProcessor;
import diffusionsat.inpaint.InpaintRequest;
import diffusionsat.inpaint.InpaintSettings;
import diffusionsat.io.storage.Storage;
import diffusionsat.sampling.ConditionalGenerator;
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
 * Generates the inpaint requests of one partition, lazily, {@code sampler.batchSize} at a time
 * on the executor's ControlNet pipeline. A request's data problem becomes a {@code failed} row
 * naming it and the cause; anything else fails the task.
 */
public final class InpaintFn implements MapPartitionsFunction<InpaintRequest, Row> {
    /** The model name in result rows. */
    public static final String MODEL = "diffusionsat-controlnet";
    private static final Logger log = LoggerFactory.getLogger(InpaintFn.class);

    private final InpaintSettings settings;
    private final Storage storage;
    private final String catalogUri;
    private final LongAccumulator done;
    private final LongAccumulator failed;

    public InpaintFn(InpaintSettings settings, Storage storage, String catalogUri,
            LongAccumulator done, LongAccumulator failed) {
        this.settings = settings;
        this.storage = storage;
        this.catalogUri = catalogUri;
        this.done = done;
        this.failed = failed;
    }

    @Override
    public Iterator<Row> call(Iterator<InpaintRequest> requests) {
        ConditionalGenerator generator = ExecutorModels.conditional(settings.model(),
                settings.outputSize(), settings.runSeed(), storage);
        InpaintProcessor processor = new InpaintProcessor(generator, settings, storage,
                catalogUri);
        int partition = TaskContext.get() == null ? -1 : TaskContext.get().partitionId();
        return new Iterator<>() {
            private final Deque<Row> ready = new ArrayDeque<>();
            private long count;

            @Override
            public boolean hasNext() {
                if (ready.isEmpty() && requests.hasNext()) {
                    runBatch(processor, requests, ready);
                    count += ready.size();
                    if (!requests.hasNext()) {
                        log.info("partition {}: {} requests done", partition, count);
                    }
                }
                return !ready.isEmpty();
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return ready.poll();
            }
        };
    }

    private void runBatch(InpaintProcessor processor, Iterator<InpaintRequest> requests,
            Deque<Row> out) {
        List<InpaintRequest> batch = new ArrayList<>();
        while (requests.hasNext() && batch.size() < settings.sampler().batchSize()) {
            batch.add(requests.next());
        }
        long start = System.nanoTime();
        List<InpaintOutcome> outcomes = processor.process(batch);
        long perItemMs = (System.nanoTime() - start) / 1_000_000 / batch.size();
        SamplingInfo sampling = SamplingInfo.of(MODEL, settings.sampler(),
                processor.batchInvariant());
        for (InpaintOutcome outcome : outcomes) {
            String id = outcome.id();
            long seed = processor.seed(id);
            if (outcome.error() == null) {
                out.add(ResultRows.ok(id, processor.outputUri(id), seed, sampling, perItemMs,
                        outcome.metrics()));
            } else {
                failed.add(1);
                out.add(ResultRows.failed(id, seed, sampling, perItemMs, outcome.error()));
            }
            done.add(1);
        }
    }
}
