package diffusionsat.spark;

import diffusionsat.metrics.InceptionScoreParts;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * The Inception Score of a distributed set without its logits on the driver (issue 12): the
 * images sorted by id (a distributed sort), indexed ({@code zipWithIndex}), each added to the
 * partial sums of its split ({@link InceptionScoreParts}), and the partitions' sums merged with
 * {@code treeAggregate}. The splits are those of the one-thread formula: consecutive parts of
 * N / splits images in id order, the remainder left out.
 */
public final class InceptionScoreAggregation {
    private InceptionScoreAggregation() {}

    /**
     * @param rows rows with an {@code id} and a non-null {@code array<float>} logits column
     * @param logits the logits column
     * @param images how many rows {@code rows} holds (at least {@code splits})
     * @param splits the number of splits
     */
    public static InceptionScoreParts of(Dataset<Row> rows, Column logits, long images,
            int splits) {
        int classes = rows.select(functions.size(logits)).first().getInt(0);
        return rows.select(functions.col("id"), logits).orderBy("id").javaRDD().zipWithIndex()
                .treeAggregate(new InceptionScoreParts(splits, classes),
                        (parts, indexed) -> parts.add(
                                InceptionScoreParts.splitOf(indexed._2(), images, splits),
                                FeatureMomentsAggregation.toFloats(
                                        indexed._1().getList(1))),
                        InceptionScoreParts::merge, 2);
    }
}
