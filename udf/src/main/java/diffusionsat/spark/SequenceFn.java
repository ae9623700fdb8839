package diffusionsat.spark;

import static diffusionsat.spark.PartitionProgress.elapsedMs;

import diffusionsat.io.TileException;
import diffusionsat.io.storage.Storage;
import diffusionsat.sampling.SamplingInfo;
import diffusionsat.sequence.AutoRegressiveSequence;
import diffusionsat.sequence.SeedRequest;
import diffusionsat.sequence.SequenceDates;
import diffusionsat.sequence.SequenceSettings;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Row;

/**
 * Generates the sequences of one partition ({@link SequenceRows} input), lazily, one request at
 * a time: one row per image. A request's data problem (missing or invalid metadata, bad dates)
 * becomes one {@code failed} row naming it and the cause; anything else fails the task.
 */
public record SequenceFn(SequenceSettings settings, Storage storage)
        implements PartitionFn.Work<Row, AutoRegressiveSequence> {
    @Override
    public AutoRegressiveSequence open() {
        return new AutoRegressiveSequence(ExecutorModels.get(settings.model(), storage),
                ExecutorModels.conditional(settings.model(), settings.sampler().height(),
                        settings.runSeed(), storage), settings, storage);
    }

    @Override
    public List<Row> nextBatch(AutoRegressiveSequence sequences, Iterator<Row> rows,
            PartitionProgress progress) {
        Row row = rows.next();
        long start = System.nanoTime();
        SamplingInfo sampling = SamplingInfo.of("diffusionsat-sequence:"
                + settings.model().checkpoint(), settings.sampler(),
                sequences.batchInvariant());
        SeedRequest request = null;
        try {
            request = SequenceRows.request(row);
            request.validate();
            SequenceDates dates = SequenceDates.of(request.id(), request.start(),
                    request.dates());
            List<AutoRegressiveSequence.Image> images = sequences.generate(request, dates);
            long perImage = elapsedMs(start) / images.size();
            List<Row> out = new ArrayList<>();
            for (AutoRegressiveSequence.Image image : images) {
                out.add(SequenceRows.ok(image, request.id(), dates.duplicatesDropped(),
                        sequences.seed(image.id()), sampling, perImage));
            }
            progress.done(1);
            return out;
        } catch (TileException e) {
            progress.failed(e);
            String id = request != null ? request.displayId()
                    : String.valueOf((Object) row.getAs("id"));
            return List.of(SequenceRows.failed(id, sequences.seed(id), sampling,
                    elapsedMs(start), e));
        }
    }
}
