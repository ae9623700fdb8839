package diffusionsat.spark;

import diffusionsat.io.TileException;
import diffusionsat.io.storage.Storage;
import diffusionsat.sampling.SamplingInfo;
import diffusionsat.sampling.TileSeeds;
import diffusionsat.superres.SceneAssembler;
import diffusionsat.superres.SuperResolutionSettings;
import diffusionsat.superres.TileMetrics;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapGroupsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.util.LongAccumulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the chunk rows of one scene into its one {@link ResultRows#WITH_CHUNKS} row: when every
 * chunk is done the scene's COG is assembled and published, else the scene fails with its first
 * failed chunk's cause and no COG is written. The duration is the chunks' summed time plus the
 * assembly's.
 */
public final class SceneAssemblyFn implements MapGroupsFunction<String, Row, Row> {
    private static final Logger log = LoggerFactory.getLogger(SceneAssemblyFn.class);

    private final SuperResolutionSettings settings;
    private final Storage storage;
    private final SamplingInfo sampling;
    private final LongAccumulator scenesDone;

    /**
     * @param sampling the model and sampler; whether batches ran item by item is taken from
     *     the chunks (it depends on the executors' device)
     */
    public SceneAssemblyFn(SuperResolutionSettings settings, Storage storage,
            SamplingInfo sampling, LongAccumulator scenesDone) {
        this.settings = settings;
        this.storage = storage;
        this.sampling = sampling;
        this.scenesDone = scenesDone;
    }

    /** The scene's row; the scene counts as done only once it is assembled or failed. */
    @Override
    public Row call(String id, Iterator<Row> chunkRows) {
        try {
            return assembled(id, chunkRows);
        } finally {
            scenesDone.add(1); // progress only: the log's "n/m scenes"
        }
    }

    private Row assembled(String id, Iterator<Row> chunkRows) {
        long start = System.nanoTime();
        List<Row> chunks = new ArrayList<>();
        chunkRows.forEachRemaining(chunks::add);
        chunks.sort((a, b) -> Integer.compare(a.getAs("chunk_index"), b.getAs("chunk_index")));
        long chunkMs = chunks.stream().mapToLong(r -> r.<Long>getAs("duration_ms")).sum();
        long seed = new TileSeeds(settings.runSeed()).forTile(id);
        SamplingInfo ran = new SamplingInfo(sampling.model(), sampling.scheduler(),
                sampling.steps(), sampling.guidance(), chunks.get(0).getAs("batch_invariant"));
        SceneAssembler assembler = new SceneAssembler(settings, storage);
        Row failedChunk = chunks.stream().filter(r -> ResultRows.FAILED.equals(r.getAs("status")))
                .findFirst().orElse(null);
        if (failedChunk != null) {
            assembler.discard(id);
            String cause = failedChunk.getAs("error_message");
            return failed(id, seed, ran, chunks.size(), chunkMs + elapsedMs(start),
                    failedChunk.getAs("error_class"), chunks.size() == 1 ? cause
                            : "chunk " + failedChunk.getAs("chunk_index") + " of "
                                    + chunks.size() + ": " + cause);
        }
        try {
            TileMetrics metrics = assembler.assemble(id,
                    chunks.stream().map(ChunkRows::chunkOf).toList(),
                    chunks.stream().map(ChunkRows::outcomeOf).toList());
            long durationMs = chunkMs + elapsedMs(start);
            log.info("tile {}: {} chunk(s) assembled into {} ({} ms)", id, chunks.size(),
                    settings.outputUri(id), durationMs);
            return ResultRows.extended(ResultRows.withUncertainty(ResultRows.ok(id,
                    settings.outputUri(id), seed, ran, durationMs, metrics),
                    null, null), chunks.size());
        } catch (TileException e) {
            log.warn("{}", e.getMessage());
            assembler.discard(id);
            return failed(id, seed, ran, chunks.size(), chunkMs + elapsedMs(start),
                    e.getClass().getSimpleName(), e.getMessage());
        }
    }

    private static Row failed(String id, long seed, SamplingInfo sampling, int chunks,
            long durationMs, String errorClass, String message) {
        return ResultRows.extended(ResultRows.withUncertainty(ResultRows.failed(id, seed,
                sampling, durationMs, errorClass, message), null, null), chunks);
    }

    private static long elapsedMs(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
