package diffusionsat.spark;

import static diffusionsat.spark.PartitionProgress.elapsedMs;

import diffusionsat.io.TileException;
import diffusionsat.io.storage.OutputNames;
import diffusionsat.io.storage.Storage;
import diffusionsat.superres.SuperResolutionProcessor;
import diffusionsat.superres.SuperResolvedTile;
import diffusionsat.superres.SuperResolutionSettings;
import diffusionsat.superres.SuperResolver;
import diffusionsat.superres.SuperResolvers;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.util.LongAccumulator;

/**
 * Super-resolves the catalogue rows of one partition whole, lazily, one tile at a time, into
 * {@link ResultRows#WITH_CHUNKS} rows (one chunk each): the path of runs with uncertainty maps.
 * A tile's data problem becomes a {@code failed} row naming the tile and the cause; anything
 * else fails the task.
 *
 * @param windowsDone counts the DiffusionSat model's finished windows (progress only)
 */
public record SuperResolutionFn(SuperResolutionSettings settings, Storage storage,
        String catalogUri, LongAccumulator windowsDone)
        implements PartitionFn.Work<Row, SuperResolutionFn.Resolution> {
    /** One partition's super-resolver and the processor that reads and writes its tiles. */
    record Resolution(SuperResolver resolver, SuperResolutionProcessor processor) {}

    @Override
    public Resolution open() {
        SuperResolver resolver = SuperResolvers.create(settings, storage, windowsDone::add);
        return new Resolution(resolver, new SuperResolutionProcessor(resolver, settings,
                storage));
    }

    @Override
    public List<Row> nextBatch(Resolution resolution, Iterator<Row> rows,
            PartitionProgress progress) {
        Row result = processOne(resolution.processor(), resolution.resolver(), rows.next(),
                progress);
        progress.done(1);
        return List.of(result);
    }

    private Row processOne(SuperResolutionProcessor processor, SuperResolver resolver, Row row,
            PartitionProgress progress) {
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
            discard(processor, id, e);
            progress.failed(e);
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
}
