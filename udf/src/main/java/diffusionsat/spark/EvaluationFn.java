package diffusionsat.spark;

import diffusionsat.evaluation.EvaluationSettings;
import diffusionsat.evaluation.EvaluationTile;
import diffusionsat.evaluation.GeneratedImageEvaluator;
import diffusionsat.evaluation.RoleMetrics;
import diffusionsat.evaluation.TileEvaluation;
import diffusionsat.evaluation.TileEvaluator;
import diffusionsat.io.TileException;
import diffusionsat.io.storage.Storage;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;
import org.apache.spark.sql.Row;

/**
 * Evaluates the tiles of one partition ({@link EvaluationRows#TILES} rows), lazily, one tile at a
 * time, into {@link EvaluationRows#WITH_FEATURES} rows. A tile's data problem becomes a {@code failed}
 * row naming the tile and the cause; anything else fails the task.
 *
 * @param generated whether the outputs are generated images without input or target ({@link
 *     GeneratedImageEvaluator}) rather than tiles of the catalogue ({@link TileEvaluator})
 */
public record EvaluationFn(EvaluationSettings settings, Storage storage, String catalogUri,
        String task, boolean generated)
        implements PartitionFn.Work<Row, Function<EvaluationTile, TileEvaluation>> {

    @Override
    public Function<EvaluationTile, TileEvaluation> open() {
        return generated
                ? new GeneratedImageEvaluator(settings, storage)::evaluate
                : new TileEvaluator(settings, storage)::evaluate;
    }

    /** One tile's rows: one per role evaluated, and its target's features where FID wants them. */
    @Override
    public List<Row> nextBatch(Function<EvaluationTile, TileEvaluation> evaluator,
            Iterator<Row> rows, PartitionProgress progress) {
        Row row = rows.next();
        String input = row.getAs("input_href");
        String target = row.getAs("target_href");
        EvaluationTile tile = EvaluationRows.tile(row,
                input == null ? null : storage.resolve(catalogUri, input),
                target == null ? null : storage.resolve(catalogUri, target));
        List<Row> out = new ArrayList<>(3);
        try {
            TileEvaluation evaluation = evaluator.apply(tile);
            for (RoleMetrics metrics : evaluation.roles()) {
                out.add(EvaluationRows.ok(tile, task, metrics));
            }
            if (evaluation.targetFeatures() != null) {
                out.add(EvaluationRows.target(tile, task, evaluation.targetFeatures()));
            }
        } catch (TileException e) {
            progress.failed(e);
            out.add(EvaluationRows.failed(tile, task, e));
        }
        progress.done(1);
        return out;
    }
}
