package diffusionsat.spark;

import diffusionsat.evaluation.EvaluationSettings;
import diffusionsat.evaluation.EvaluationTile;
import diffusionsat.evaluation.GeneratedImageEvaluator;
import diffusionsat.evaluation.RoleMetrics;
import diffusionsat.evaluation.TileEvaluation;
import diffusionsat.evaluation.TileEvaluator;
import diffusionsat.io.TileException;
import diffusionsat.io.storage.Storage;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Function;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.util.LongAccumulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates the tiles of one partition ({@link EvaluationRows#TILES} rows), lazily, one tile at a
 * time, into {@link EvaluationRows#WITH_FEATURES} rows. A tile's data problem becomes a {@code failed}
 * row naming the tile and the cause; anything else fails the task.
 */
public final class EvaluationFn implements MapPartitionsFunction<Row, Row> {
    private static final Logger log = LoggerFactory.getLogger(EvaluationFn.class);

    private final EvaluationSettings settings;
    private final Storage storage;
    private final String catalogUri;
    private final String task;
    private final boolean generated;
    private final LongAccumulator tilesDone;
    private final LongAccumulator tilesFailed;

    /**
     * @param generated whether the outputs are generated images without input or target ({@link
     *     GeneratedImageEvaluator}) rather than tiles of the catalogue ({@link TileEvaluator})
     */
    public EvaluationFn(EvaluationSettings settings, Storage storage, String catalogUri,
            String task, boolean generated, LongAccumulator tilesDone,
            LongAccumulator tilesFailed) {
        this.settings = settings;
        this.storage = storage;
        this.catalogUri = catalogUri;
        this.task = task;
        this.generated = generated;
        this.tilesDone = tilesDone;
        this.tilesFailed = tilesFailed;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        Function<EvaluationTile, TileEvaluation> evaluator = generated
                ? new GeneratedImageEvaluator(settings, storage)::evaluate
                : new TileEvaluator(settings, storage)::evaluate;
        return new Iterator<>() {
            private final Deque<Row> pending = new ArrayDeque<>(3);

            @Override
            public boolean hasNext() {
                return !pending.isEmpty() || rows.hasNext();
            }

            @Override
            public Row next() {
                if (pending.isEmpty()) {
                    if (!rows.hasNext()) {
                        throw new NoSuchElementException();
                    }
                    evaluateOne(evaluator, rows.next(), pending);
                }
                return pending.removeFirst();
            }
        };
    }

    private void evaluateOne(Function<EvaluationTile, TileEvaluation> evaluator, Row row,
            Deque<Row> out) {
        String input = row.getAs("input_href");
        String target = row.getAs("target_href");
        EvaluationTile tile = EvaluationRows.tile(row,
                input == null ? null : storage.resolve(catalogUri, input),
                target == null ? null : storage.resolve(catalogUri, target));
        try {
            TileEvaluation evaluation = evaluator.apply(tile);
            for (RoleMetrics metrics : evaluation.roles()) {
                out.addLast(EvaluationRows.ok(tile, task, metrics));
            }
            if (evaluation.targetFeatures() != null) {
                out.addLast(EvaluationRows.target(tile, task, evaluation.targetFeatures()));
            }
        } catch (TileException e) {
            log.warn("{}", e.getMessage());
            tilesFailed.add(1);
            out.addLast(EvaluationRows.failed(tile, task, e));
        }
        tilesDone.add(1);
    }
}
