package diffusionsat.job.evaluate;

import diffusionsat.evaluation.InceptionMetric;
import diffusionsat.evaluation.RoleMetrics;
import diffusionsat.metrics.FeatureMoments;
import diffusionsat.metrics.FrechetDistance;
import diffusionsat.metrics.GaussianStatistics;
import diffusionsat.spark.FeatureMomentsAggregation;
import diffusionsat.spark.InceptionScoreAggregation;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * FID and IS of each task, model and role (DESIGN.md §7) from the Inception features the
 * partitions computed ({@link diffusionsat.spark.EvaluationRows#WITH_FEATURES}).
 *
 * <p>FID compares a role's images with the targets of the evaluated tiles (the real set), each
 * set's mean and covariance merged from per-partition float64 moments by {@link
 * FeatureMomentsAggregation}. IS takes a role's logits in tile-id order, cut into {@code splits}
 * consecutive parts, from per-split partial sums ({@link InceptionScoreAggregation}): the
 * driver holds splits × classes doubles, never an image's logits.
 */
final class SetMetrics {
    private final Dataset<Row> evaluated;
    private final int splits;
    private final Map<Metric, String> missing = new EnumMap<>(Metric.class);

    /**
     * @param evaluated the evaluation's rows with features (target rows included)
     * @param splits the IS splits
     */
    SetMetrics(Dataset<Row> evaluated, int splits) {
        this.evaluated = evaluated;
        this.splits = splits;
    }

    /** FID and IS per summary key (task/model/role); a metric that cannot be computed is absent. */
    Map<String, Map<Metric, Double>> compute() {
        Column pool = functions.col("pool");
        Column isTarget = functions.col("role").equalTo(RoleMetrics.TARGET);
        GaussianStatistics real = realStatistics(FeatureMomentsAggregation.ofColumn(
                evaluated.filter(isTarget), pool, InceptionMetric.POOL_WIDTH));
        Map<String, Map<Metric, Double>> out = new HashMap<>();
        List<Row> groups = evaluated.filter(functions.not(isTarget).and(pool.isNotNull()))
                .select("task", "model", "role").distinct().collectAsList();
        for (Row group : groups) {
            Dataset<Row> rows = evaluated.filter(functions.col("task").equalTo(group.getString(0))
                    .and(functions.col("model").equalTo(group.getString(1)))
                    .and(functions.col("role").equalTo(group.getString(2))));
            Map<Metric, Double> values = new EnumMap<>(Metric.class);
            Double fid = fid(rows, real);
            if (fid != null) {
                values.put(Metric.FID, fid);
            }
            Double is = inceptionScore(rows);
            if (is != null) {
                values.put(Metric.IS, is);
            }
            out.put(SummaryRow.key(group.getString(0), group.getString(1), group.getString(2)),
                    values);
        }
        return out;
    }

    /** Why FID or IS is absent from some row, for the metrics {@link #compute} could not give. */
    Map<Metric, String> missingReasons() {
        return Map.copyOf(missing);
    }

    /** The real set's mean and covariance, or null (with the reason) when it has too few images. */
    private GaussianStatistics realStatistics(FeatureMoments real) {
        if (real.count() < 2) {
            missing.put(Metric.FID, "fewer than 2 targets had Inception features (" + real.count()
                    + "): FID needs the real set's covariance");
            return null;
        }
        return real.toStatistics();
    }

    private Double fid(Dataset<Row> rows, GaussianStatistics real) {
        if (real == null) {
            return null;
        }
        FeatureMoments generated = FeatureMomentsAggregation.ofColumn(rows,
                functions.col("pool"), InceptionMetric.POOL_WIDTH);
        if (generated.count() < 2) {
            missing.put(Metric.FID, "a set has fewer than 2 images with Inception features");
            return null;
        }
        return FrechetDistance.between(generated.toStatistics(), real);
    }

    private Double inceptionScore(Dataset<Row> rows) {
        Column logits = functions.col("logits");
        Dataset<Row> scored = rows.filter(logits.isNotNull());
        long images = scored.count();
        if (images < splits) {
            missing.put(Metric.IS, String.format(Locale.ROOT, "a set has %d images with"
                    + " Inception logits, fewer than evaluate.inceptionScoreSplits = %d",
                    images, splits));
            return null;
        }
        return InceptionScoreAggregation.of(scored, logits, images, splits).result().mean();
    }
}
