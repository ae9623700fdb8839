package diffusionsat.spark;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import diffusionsat.metrics.FeatureMoments;
import diffusionsat.metrics.FrechetDistance;
import diffusionsat.testing.TestSpark;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** FID over a distributed set (DESIGN.md §7): Spark's treeAggregate of per-partition moments. */
class FeatureMomentsAggregationTest {
    private static final int DIM = 12;
    private static final int ROWS = 600;
    /** Partitioning only reorders float64 additions, so results agree to rounding. */
    private static final double ROUNDING_REL = 1e-12;

    @Test
    void fidOverFourPartitionsEqualsFidOverOne() {
        List<float[]> real = features(1, 0.0);
        List<float[]> fake = features(2, 0.4);
        double one = FrechetDistance.between(aggregate(real, 1).toStatistics(),
                aggregate(fake, 1).toStatistics());
        double four = FrechetDistance.between(aggregate(real, 4).toStatistics(),
                aggregate(fake, 4).toStatistics());
        FeatureMoments sequential = new FeatureMoments(DIM);
        real.forEach(sequential::add);
        double[] mean = aggregate(real, 4).toMean();
        assertAll(
                () -> assertEquals(one, four, ROUNDING_REL * one),
                () -> assertEquals(ROWS, aggregate(real, 4).count()),
                () -> assertEquals(0.0, maxDifference(sequential.toMean(), mean), 1e-12),
                () -> assertTrue(one > 0.1, "the sets differ: FID " + one));
    }

    @Test
    void arrayColumnSkipsNullsAndMatchesTheVectors() {
        List<float[]> vectors = features(3, 0.0);
        List<Row> rows = new ArrayList<>();
        for (float[] v : vectors) {
            rows.add(RowFactory.create((Object) boxed(v)));
        }
        rows.add(RowFactory.create((Object) null));   // a tile without features
        StructType schema = new StructType().add("features",
                DataTypes.createArrayType(DataTypes.FloatType), true);
        Dataset<Row> table = TestSpark.session().createDataFrame(rows, schema).repartition(3);

        FeatureMoments fromColumn = FeatureMomentsAggregation.ofColumn(table,
                functions.col("features"), DIM);
        FeatureMoments direct = aggregate(vectors, 1);
        assertAll(
                () -> assertEquals(ROWS, fromColumn.count()),
                () -> assertEquals(0.0, maxDifference(direct.toMean(), fromColumn.toMean()), 1e-12),
                () -> assertEquals(0.0, FrechetDistance.between(direct.toStatistics(),
                        fromColumn.toStatistics()), 1e-9));
    }

    @Test
    void manyPartitionsAreMergedIntoOnePerTaskSlotBeforeTheirMomentsTravel() {
        JavaSparkContext context = JavaSparkContext.fromSparkContext(TestSpark.session()
                .sparkContext());
        List<float[]> vectors = features(4, 0.0);
        JavaRDD<float[]> many = context.parallelize(vectors, 40);
        FeatureMoments direct = aggregate(vectors, 1);
        FeatureMoments merged = FeatureMomentsAggregation.of(many, DIM, 2);
        assertAll(
                () -> assertEquals(context.defaultParallelism(),
                        FeatureMomentsAggregation.perTaskSlot(many).getNumPartitions(),
                        "local[2]: 2 slots, so 2 moments objects instead of 40"),
                () -> assertEquals(ROWS, merged.count()),
                () -> assertEquals(0.0, FrechetDistance.between(direct.toStatistics(),
                        merged.toStatistics()), 1e-9));
    }

    private static FeatureMoments aggregate(List<float[]> vectors, int partitions) {
        JavaRDD<float[]> rdd = JavaSparkContext.fromSparkContext(TestSpark.session()
                .sparkContext()).parallelize(vectors, partitions);
        return FeatureMomentsAggregation.of(rdd, DIM, 2);
    }

    /** Correlated Gaussian features, shifted by {@code shift}, seeded. */
    private static List<float[]> features(long seed, double shift) {
        SplittableRandom random = new SplittableRandom(seed);
        List<float[]> out = new ArrayList<>();
        for (int r = 0; r < ROWS; r++) {
            float[] v = new float[DIM];
            double common = gaussian(random);
            for (int i = 0; i < DIM; i++) {
                v[i] = (float) (shift + 0.5 * common + gaussian(random) * (1 + i / (double) DIM));
            }
            out.add(v);
        }
        return out;
    }

    private static double gaussian(SplittableRandom random) {
        // Box-Muller: the JVM's SplittableRandom has no nextGaussian in Java 17.
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble()))
                * Math.cos(2 * Math.PI * random.nextDouble());
    }

    private static Float[] boxed(float[] v) {
        Float[] out = new Float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }

    private static double maxDifference(double[] a, double[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }
}
