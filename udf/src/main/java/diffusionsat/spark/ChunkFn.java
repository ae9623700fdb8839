package diffusionsat.spark;

import static diffusionsat.spark.PartitionProgress.elapsedMs;

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
import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.Row;
import org.apache.spark.util.LongAccumulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Super-resolves the planned chunks of one partition, lazily, into {@link ChunkRows#DONE} rows:
 * each chunk's part is published for its scene's assembly. A chunk's data problem becomes a
 * {@code failed} row naming the tile and the cause (which fails its scene); anything else
 * fails the task.
 *
 * @param windowsDone counts the DiffusionSat model's finished windows (progress only)
 */
public record ChunkFn(SuperResolutionSettings settings, Storage storage, String catalogUri,
        LongAccumulator windowsDone) implements PartitionFn.Work<Row, ChunkFn.Chunker> {
    private static final Logger log = LoggerFactory.getLogger(ChunkFn.class);

    /** One partition's chunk processor, tile seeds and what its rows say of it. */
    record Chunker(ChunkProcessor processor, TileSeeds seeds, Boolean batchInvariant,
            int partition) {}

    @Override
    public Chunker open() {
        SuperResolver resolver = SuperResolvers.create(settings, storage, windowsDone::add);
        return new Chunker(new ChunkProcessor(resolver, settings, storage),
                new TileSeeds(settings.runSeed()), resolver.sampling().batchInvariant(),
                TaskContext.get() == null ? -1 : TaskContext.get().partitionId());
    }

    @Override
    public List<Row> nextBatch(Chunker chunker, Iterator<Row> rows,
            PartitionProgress progress) {
        Row row = processOne(chunker, rows.next(), progress);
        progress.done(1);
        return List.of(row);
    }

    private Row processOne(Chunker chunker, Row planned, PartitionProgress progress) {
        ChunkProcessor processor = chunker.processor();
        int partition = chunker.partition();
        Boolean batchInvariant = chunker.batchInvariant();
        long start = System.nanoTime();
        TileRef tile = TileRef.fromRow(planned);
        SceneChunk chunk = ChunkRows.chunkOf(planned);
        String planError = planned.getAs("plan_error");
        if (planError != null) {
            progress.countFailed();                        // its row carries the plan's error
            return ChunkRows.failed(tile.id(), chunk, planned.getAs("plan_error_class"),
                    planError, elapsedMs(start), partition, batchInvariant);
        }
        try {
            String input = storage.resolve(catalogUri, tile.href());
            String target = tile.targetHref() == null ? null
                    : storage.resolve(catalogUri, tile.targetHref());
            ChunkOutcome outcome = processor.process(tile, input, target, chunk,
                    chunker.seeds().forTile(tile.id()));
            log.info("tile {}: chunk {}/{} ({}) done in {} ms", tile.id(), chunk.index() + 1,
                    chunk.count(), chunk.core(), elapsedMs(start));
            return ChunkRows.done(tile.id(), chunk, outcome, elapsedMs(start), partition,
                    batchInvariant);
        } catch (TileException e) {
            log.warn("tile {}: chunk {}/{} failed: {}", tile.id(), chunk.index() + 1,
                    chunk.count(), e.getMessage());
            progress.countFailed();
            return ChunkRows.failed(tile.id(), chunk, e.getClass().getSimpleName(),
                    e.getMessage(), elapsedMs(start), partition, batchInvariant);
        }
    }
}
