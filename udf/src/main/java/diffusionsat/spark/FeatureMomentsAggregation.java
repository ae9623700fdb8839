package diffusionsat.spark;

import diffusionsat.metrics.FeatureMoments;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * FID's sufficient statistics over a distributed set (DESIGN.md §7, STYLE.md §2.2): each partition
 * adds its feature vectors to a {@link FeatureMoments} (n, Σx, Σxxᵀ in float64) and Spark's
 * {@code treeAggregate} merges the partitions' statistics, so only D(D+3)/2 doubles per
 * task slot travel ({@link #perTaskSlot}) and the driver never sees a feature vector.
 */
public final class FeatureMomentsAggregation {
    private FeatureMomentsAggregation() {}

    /**
     * @param features one feature vector per image
     * @param dimension the feature length D
     * @param depth treeAggregate depth (2 is Spark's default)
     * @return the merged statistics of every vector
     */
    public static FeatureMoments of(JavaRDD<float[]> features, int dimension, int depth) {
        return perTaskSlot(features).treeAggregate(new FeatureMoments(dimension),
                FeatureMoments::add, FeatureMoments::merge, depth);
    }

    /**
     * The vectors in at most one partition per task slot of the cluster ({@code
     * spark.default.parallelism}: executors × cores), merged without a shuffle (co-located
     * partitions first): each partition's moments object is D(D+1)/2 doubles (16.8 MB at D =
     * 2048), so the objects treeAggregate moves are bounded by the slots, not by however many
     * partitions the job had, while every slot still adds its share of outer products.
     */
    static JavaRDD<float[]> perTaskSlot(JavaRDD<float[]> features) {
        int slots = Math.max(1, features.context().defaultParallelism());
        return features.getNumPartitions() > slots ? features.coalesce(slots) : features;
    }

    /**
     * The statistics of an {@code array<float>} column; null entries are left out.
     *
     * @param rows the rows holding the vectors
     * @param column the column name
     * @param dimension the feature length D
     */
    public static FeatureMoments ofColumn(Dataset<Row> rows, Column column, int dimension) {
        JavaRDD<float[]> vectors = rows.select(column).filter(column.isNotNull()).javaRDD()
                .map(row -> toFloats(row.getList(0)));
        return of(vectors, dimension, 2);
    }

    /** An {@code array<float>} column's value as floats. */
    static float[] toFloats(List<Object> values) {
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) values.get(i)).floatValue();
        }
        return out;
    }
}
