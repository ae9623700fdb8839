package diffusionsat.spark;

import diffusionsat.io.TileException;
import diffusionsat.io.storage.Storage;
import diffusionsat.sequence.AutoRegressiveSequence;
import diffusionsat.sequence.SeedRequest;
import diffusionsat.sequence.SequenceDates;
import diffusionsat.sequence.SequenceSettings;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import diffusionsat.sampling.SamplingInfo;
import org.apache.spark.sql.Row;
import org.apache.spark.util.LongAccumulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Generates the sequences of one partition ({@link SequenceRows} input), lazily, one request at
 * a time: one row per image. A request's data problem (missing or invalid metadata, bad dates)
 * becomes one {@code failed} row naming it and the cause; anything else fails the task.
 */
public final class SequenceFn implements MapPartitionsFunction<Row, Row> {
    private static final Logger log = LoggerFactory.getLogger(SequenceFn.class);

    private final SequenceSettings settings;
    private final Storage storage;
    private final LongAccumulator done;
    private final LongAccumulator failed;

    public SequenceFn(SequenceSettings settings, Storage storage, LongAccumulator done,
            LongAccumulator failed) {
        this.settings = settings;
        this.storage = storage;
        this.done = done;
        this.failed = failed;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        AutoRegressiveSequence sequences = new AutoRegressiveSequence(
                ExecutorModels.get(settings.model(), storage),
                ExecutorModels.conditional(settings.model(), settings.sampler().height(),
                        settings.runSeed(), storage), settings, storage);
        return new Iterator<>() {
            private Iterator<Row> current = Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && rows.hasNext()) {
                    current = generate(sequences, rows.next()).iterator();
                }
                return current.hasNext();
            }

            @Override
            public Row next() {
                hasNext();
                return current.next();
            }
        };
    }

    private List<Row> generate(AutoRegressiveSequence sequences, Row row) {
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
            done.add(1);
            log.info("sequence {}: {} images", request.id(), images.size());
            return out;
        } catch (TileException e) {
            log.warn("{}", e.getMessage());
            failed.add(1);
            String id = request != null ? request.displayId()
                    : String.valueOf((Object) row.getAs("id"));
            return List.of(SequenceRows.failed(id, sequences.seed(id), sampling,
                    elapsedMs(start), e));
        }
    }

    private static long elapsedMs(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
