package diffusionsat.spark;

import static diffusionsat.spark.PartitionProgress.elapsedMs;

import diffusionsat.inpaint.InpaintOutcome;
import diffusionsat.inpaint.InpaintProcessor;
import diffusionsat.inpaint.InpaintRequest;
import diffusionsat.inpaint.InpaintSettings;
import diffusionsat.io.storage.Storage;
import diffusionsat.sampling.ConditionalGenerator;
import diffusionsat.sampling.SamplingInfo;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Row;

/**
 * Generates the inpaint requests of one partition, lazily, {@code sampler.batchSize} at a time
 * on the executor's ControlNet pipeline. A request's data problem becomes a {@code failed} row
 * naming it and the cause; anything else fails the task.
 */
public record InpaintFn(InpaintSettings settings, Storage storage, String catalogUri)
        implements PartitionFn.Work<InpaintRequest, InpaintProcessor> {
    /** The model name in result rows. */
    public static final String MODEL = "diffusionsat-controlnet";

    @Override
    public InpaintProcessor open() {
        ConditionalGenerator generator = ExecutorModels.conditional(settings.model(),
                settings.outputSize(), settings.runSeed(), storage);
        return new InpaintProcessor(generator, settings, storage, catalogUri);
    }

    @Override
    public List<Row> nextBatch(InpaintProcessor processor, Iterator<InpaintRequest> requests,
            PartitionProgress progress) {
        List<InpaintRequest> batch = new ArrayList<>();
        while (requests.hasNext() && batch.size() < settings.sampler().batchSize()) {
            batch.add(requests.next());
        }
        long start = System.nanoTime();
        List<InpaintOutcome> outcomes = processor.process(batch);
        long perItemMs = elapsedMs(start) / batch.size();
        SamplingInfo sampling = SamplingInfo.of(MODEL, settings.sampler(),
                processor.batchInvariant());
        List<Row> out = new ArrayList<>();
        for (InpaintOutcome outcome : outcomes) {
            String id = outcome.id();
            long seed = processor.seed(id);
            if (outcome.error() == null) {
                out.add(ResultRows.ok(id, processor.outputUri(id), seed, sampling, perItemMs,
                        outcome.metrics()));
            } else {
                progress.countFailed();                                 // the processor logged it
                out.add(ResultRows.failed(id, seed, sampling, perItemMs, outcome.error()));
            }
            progress.done(1);
        }
        return out;
    }
}
