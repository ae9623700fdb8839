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
 * <p>Mutable on purpose (Spark's seqOp/combOp may reuse their first argument); not thread-safe.
 */
public final class FeatureMoments implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int dimension;
    private long count;
    private final double[] sum;
    private final double[] outerUpper;

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
        this.sum = new double[dimension];
        this.outerUpper = new double[dimension * (dimension + 1) / 2];
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
        int k = 0;
        for (int i = 0; i < dimension; i++) {
            double xi = feature[i];
            sum[i] += xi;
            for (int j = i; j < dimension; j++) {
                outerUpper[k++] += xi * feature[j];
            }
        }
        count++;
        return this;
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
