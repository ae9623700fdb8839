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
 * partition travel and the driver never sees a feature vector.
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
        return features.treeAggregate(new FeatureMoments(dimension), FeatureMoments::add,
                FeatureMoments::merge, depth);
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

    private static float[] toFloats(List<Object> values) {
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) values.get(i)).floatValue();
        }
        return out;
    }
}
