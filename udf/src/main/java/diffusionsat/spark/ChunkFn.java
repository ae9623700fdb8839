package diffusionsat.spark;

import diffusionsat.io.TileException;
import diffusionsat.io.storage.Storage;
import diffusionsat.sampling.TileSeeds;
import diffusionsat.superres.ChunkOutcome;
import diffusionsat.superres.ChunkProcessor;
import diffusionsat.superres.SceneChunk;
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
 * Super-resolves the planned chunks of one partition, lazily, into {@link ChunkRows#DONE} rows:
 * each chunk's part is published for its scene's assembly. A chunk's data problem becomes a
 * {@code failed} row naming the tile and the cause (which fails its scene); anything else
 * fails the task.
 */
public final class ChunkFn implements MapPartitionsFunction<Row, Row> {
    private static final Logger log = LoggerFactory.getLogger(ChunkFn.class);

    private final SuperResolutionSettings settings;
    private final Storage storage;
    private final String catalogUri;
    private final LongAccumulator chunksDone;
    private final LongAccumulator chunksFailed;
    private final LongAccumulator windowsDone;

    /**
     * @param windowsDone counts the DiffusionSat model's finished windows (progress only)
     */
    public ChunkFn(SuperResolutionSettings settings, Storage storage, String catalogUri,
            LongAccumulator chunksDone, LongAccumulator chunksFailed,
            LongAccumulator windowsDone) {
        this.settings = settings;
        this.storage = storage;
        this.catalogUri = catalogUri;
        this.chunksDone = chunksDone;
        this.chunksFailed = chunksFailed;
        this.windowsDone = windowsDone;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        SuperResolver resolver = SuperResolvers.create(settings, storage, windowsDone::add);
        ChunkProcessor processor = new ChunkProcessor(resolver, settings, storage);
        Boolean batchInvariant = resolver.sampling().batchInvariant();
        TileSeeds seeds = new TileSeeds(settings.runSeed());
        int partition = TaskContext.get() == null ? -1 : TaskContext.get().partitionId();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public Row next() {
                Row planned = rows.next();
                Row done = processOne(processor, seeds, planned, partition, batchInvariant);
                chunksDone.add(1);
                return done;
            }
        };
    }

    private Row processOne(ChunkProcessor processor, TileSeeds seeds, Row planned,
            int partition, Boolean batchInvariant) {
        long start = System.nanoTime();
        TileRef tile = TileRef.fromRow(planned);
        SceneChunk chunk = ChunkRows.chunkOf(planned);
        String planError = planned.getAs("plan_error");
        if (planError != null) {
            chunksFailed.add(1);
            return ChunkRows.failed(tile.id(), chunk, planned.getAs("plan_error_class"),
                    planError, elapsedMs(start), partition, batchInvariant);
        }
        try {
            String input = storage.resolve(catalogUri, tile.href());
            String target = tile.targetHref() == null ? null
                    : storage.resolve(catalogUri, tile.targetHref());
            ChunkOutcome outcome = processor.process(tile, input, target, chunk,
                    seeds.forTile(tile.id()));
            log.info("tile {}: chunk {}/{} ({}) done in {} ms", tile.id(), chunk.index() + 1,
                    chunk.count(), chunk.core(), elapsedMs(start));
            return ChunkRows.done(tile.id(), chunk, outcome, elapsedMs(start), partition,
                    batchInvariant);
        } catch (TileException e) {
            log.warn("tile {}: chunk {}/{} failed: {}", tile.id(), chunk.index() + 1,
                    chunk.count(), e.getMessage());
            chunksFailed.add(1);
            return ChunkRows.failed(tile.id(), chunk, e.getClass().getSimpleName(),
                    e.getMessage(), elapsedMs(start), partition, batchInvariant);
        }
    }

    private static long elapsedMs(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
