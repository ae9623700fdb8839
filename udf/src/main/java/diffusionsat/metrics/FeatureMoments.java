package diffusionsat.metrics;

import java.io.Serializable;

/**
 * Sufficient statistics of a set of feature vectors for FID: the count n, the sum Σx and the sum
 * of outer products Σxxᵀ, in float64 (DESIGN.md §7, STYLE.md §2.2). Each partition fills one with
 * {@link #add}; partitions combine with {@link #merge}, which is associative and commutative up to
 * float64 rounding, so Spark's {@code treeAggregate} can reduce them in any grouping.
 *
 * <p>Σxxᵀ is symmetric, so only its upper triangle is stored (row-major, entry (i, j) with j >= i):
 * D(D+1)/2 doubles, 16.8 MB for Inception's D = 2048.
 *
 * <p>{@link #add} buffers up to {@value #BLOCK} vectors and then adds their outer products row by
 * row of the triangle, so each row stays in cache for the whole block instead of the 16.8 MB
 * triangle streaming through memory once per vector. Each entry still receives its terms in the
 * order the vectors came, so the sums are the same as adding one vector at a time.
 *
 * <p>Empty statistics allocate nothing until their first vector or merge: Spark serialises
 * treeAggregate's zero value into every task, which would otherwise carry 16.8 MB of zeros.
 *
 * <p>Mutable on purpose (Spark's seqOp/combOp may reuse their first argument); not thread-safe.
 */
public final class FeatureMoments implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final int BLOCK = 32;

    private final int dimension;
    private long count;
    private double[] sum;
    private double[] outerUpper;
    /**
     * Vectors added but not yet in {@code outerUpper}. Serialised with the rest (256 KB at D =
     * 2048), so any Spark serializer carries them without a custom hook.
     */
    private float[][] pending;
    private int pendingCount;

    /**
     * Empty statistics (n = 0).
     *
     * @param dimension the feature length D
     */
    public FeatureMoments(int dimension) {
        if (dimension < 1) {
            throw new IllegalArgumentException("feature dimension must be >= 1: " + dimension);
        }
        this.dimension = dimension;
    }

    /** The arrays, made when the statistics first receive data. */
    private void allocate() {
        if (sum == null) {
            sum = new double[dimension];
            outerUpper = new double[Math.multiplyExact(dimension, dimension + 1) / 2];
            pending = new float[BLOCK][dimension];
        }
    }

    /**
     * Adds one feature vector.
     *
     * @param feature D values
     * @return this, for use as Spark's seqOp
     */
    public FeatureMoments add(float[] feature) {
        if (feature.length != dimension) {
            throw new IllegalArgumentException(
                    "feature has " + feature.length + " values, expected " + dimension);
        }
        allocate();
        for (int i = 0; i < dimension; i++) {
            sum[i] += feature[i];
        }
        System.arraycopy(feature, 0, pending[pendingCount++], 0, dimension);
        if (pendingCount == BLOCK) {
            flushPending();
        }
        count++;
        return this;
    }

    /** Adds the pending vectors' outer products to the upper triangle, one row at a time. */
    private void flushPending() {
        if (pendingCount == 0) {
            return;
        }
        int rowStart = 0;
        for (int i = 0; i < dimension; i++) {
            for (int v = 0; v < pendingCount; v++) {
                float[] x = pending[v];
                double xi = x[i];
                for (int j = i, k = rowStart; j < dimension; j++, k++) {
                    outerUpper[k] += xi * x[j];
                }
            }
            rowStart += dimension - i;
        }
        pendingCount = 0;
    }

    /**
     * Adds another set's statistics to this one.
     *
     * @param other statistics of the same dimension
     * @return this, for use as Spark's combOp
     */
    public FeatureMoments merge(FeatureMoments other) {
        if (other.dimension != dimension) {
            throw new IllegalArgumentException(
                    "cannot merge " + other.dimension + "-d moments into " + dimension + "-d");
        }
        if (other.count == 0) {
            return this;
        }
        allocate();
        flushPending();
        other.flushPending();
        for (int i = 0; i < dimension; i++) {
            sum[i] += other.sum[i];
        }
        for (int k = 0; k < outerUpper.length; k++) {
            outerUpper[k] += other.outerUpper[k];
        }
        count += other.count;
        return this;
    }

    /** Number of feature vectors added. */
    public long count() {
        return count;
    }

    /** Feature dimension D. */
    public int dimension() {
        return dimension;
    }

    /** The mean μ = Σx / n (numpy {@code mean(axis=0)}); needs n >= 1. */
    public double[] toMean() {
        requireCount(1);
        double[] mean = new double[dimension];
        for (int i = 0; i < dimension; i++) {
            mean[i] = sum[i] / count;
        }
        return mean;
    }

    /**
     * The unbiased covariance (Σxxᵀ - n μμᵀ) / (n - 1), as {@code np.cov(rowvar=False)} that
     * pytorch-fid uses; needs n >= 2. Written as (Σxᵢxⱼ - ΣxᵢΣxⱼ / n) / (n - 1).
     */
    public double[][] toCovariance() {
        requireCount(2);
        flushPending();
        double[][] cov = new double[dimension][dimension];
        int k = 0;
        for (int i = 0; i < dimension; i++) {
            for (int j = i; j < dimension; j++) {
                double c = (outerUpper[k++] - sum[i] * sum[j] / count) / (count - 1);
                cov[i][j] = c;
                cov[j][i] = c;
            }
        }
        return cov;
    }

    /** Mean and covariance together, ready for {@link FrechetDistance}. */
    public GaussianStatistics toStatistics() {
        return new GaussianStatistics(toMean(), toCovariance());
    }

    private void requireCount(long needed) {
        if (count < needed) {
            throw new IllegalStateException(
                    "need at least " + needed + " feature vectors, have " + count);
        }
    }
}
