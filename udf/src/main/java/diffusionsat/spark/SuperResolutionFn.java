package diffusionsat.spark;

import diffusionsat.io.TileException;
import diffusionsat.io.storage.OutputNames;
import diffusionsat.io.storage.Storage;
import diffusionsat.superres.SuperResolutionProcessor;
import diffusionsat.superres.SuperResolvedTile;
import diffusionsat.superres.SuperResolutionSettings;
import diffusionsat.superres.SuperResolver;
import diffusionsat.superres.SuperResolvers;

import java.util.Iterator;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.util.LongAccumulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Super-resolves the catalogue rows of one partition whole, lazily, one tile at a time, into
 * {@link ResultRows#WITH_CHUNKS} rows (one chunk each): the path of runs with uncertainty maps. A tile's data
 * problem becomes a {@code failed} row naming the tile and the cause; anything else fails the task.
 */
public final class SuperResolutionFn implements MapPartitionsFunction<Row, Row> {
    private static final Logger log = LoggerFactory.getLogger(SuperResolutionFn.class);

    private final SuperResolutionSettings settings;
    private final Storage storage;
    private final String catalogUri;
    private final LongAccumulator tilesDone;
    private final LongAccumulator tilesFailed;
    private final LongAccumulator windowsDone;

    /**
     * @param windowsDone counts the DiffusionSat model's finished windows (progress only)
     */
    public SuperResolutionFn(SuperResolutionSettings settings, Storage storage, String catalogUri,
            LongAccumulator tilesDone, LongAccumulator tilesFailed, LongAccumulator windowsDone) {
        this.settings = settings;
        this.storage = storage;
        this.catalogUri = catalogUri;
        this.tilesDone = tilesDone;
        this.tilesFailed = tilesFailed;
        this.windowsDone = windowsDone;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        SuperResolver resolver = SuperResolvers.create(settings, storage, windowsDone::add);
        SuperResolutionProcessor processor = new SuperResolutionProcessor(resolver, settings, storage);
        int partition = TaskContext.get() == null ? -1 : TaskContext.get().partitionId();
        return new Iterator<>() {
            private long done;
            private boolean reported;

            @Override
            public boolean hasNext() {
                boolean more = rows.hasNext();
                if (!more && !reported) {
                    reported = true;
                    log.info("partition {}: {} tiles done", partition, done);
                }
                return more;
            }

            @Override
            public Row next() {
                Row result = processOne(processor, resolver, rows.next());
                done++;
                tilesDone.add(1);
                return result;
            }
        };
    }

    private Row processOne(SuperResolutionProcessor processor, SuperResolver resolver, Row row) {
        long start = System.nanoTime();
        String id = TileRef.idText(row);
        long seed = processor.seed(id);
        try {
            TileRef tile = TileRef.fromRow(row);
            String input = tile.href() == null ? null : storage.resolve(catalogUri, tile.href());
            String target = tile.targetHref() == null ? null
                    : storage.resolve(catalogUri, tile.targetHref());
            SuperResolvedTile result = processor.process(tile, input, target);
            return ResultRows.extended(ResultRows.withUncertainty(ResultRows.ok(id,
                    processor.outputUri(id), seed, resolver.sampling(), elapsedMs(start),
                    result.metrics()), result.uncertaintyUri(), result.uncertainty()), 1);
        } catch (TileException e) {
            log.warn("{}", e.getMessage());
            discard(processor, id, e);
            tilesFailed.add(1);
            return ResultRows.extended(ResultRows.withUncertainty(ResultRows.failed(id, seed,
                    resolver.sampling(), elapsedMs(start), e), null, null), 1);
        } catch (RuntimeException e) {
            discard(processor, id, e);                         // the task fails: Spark retries
            throw e;
        }
    }

    /** A failed tile leaves no file under tiles/, temporary or final (DESIGN.md §6). */
    private static void discard(SuperResolutionProcessor processor, String id,
            RuntimeException failure) {
        if (OutputNames.problem(id).isPresent()) {
            return;                                            // refused ids name no file
        }
        try {
            processor.discard(id);
        } catch (RuntimeException e) {
            // The store failed: that fails the task, whatever failed the tile first.
            RuntimeException first = failure instanceof TileException ? e : failure;
            first.addSuppressed(first == e ? failure : e);
            throw first;
        }
    }

    private static long elapsedMs(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
