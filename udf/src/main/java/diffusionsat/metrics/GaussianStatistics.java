package diffusionsat.metrics;

/**
 * Mean and covariance of a feature distribution, the Gaussian that FID compares (DESIGN.md §7).
 * Arrays are not copied.
 *
 * @param mean the D feature means
 * @param covariance D x D covariance, symmetric
 */
public record GaussianStatistics(double[] mean, double[][] covariance) {
    /** Checks that the covariance is square and matches the mean's dimension. */
    public GaussianStatistics {
        if (covariance.length != mean.length) {
            throw new IllegalArgumentException("covariance has " + covariance.length
                    + " rows for a " + mean.length + "-d mean");
        }
        for (double[] row : covariance) {
            if (row.length != mean.length) {
                throw new IllegalArgumentException("covariance must be " + mean.length + " x "
                        + mean.length + ", a row has " + row.length);
            }
        }
    }

    /** The feature dimension D. */
    public int dimension() {
        return mean.length;
    }
}
