package diffusionsat.metrics;

import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * Fréchet distance between two Gaussians, the FID formula of pytorch-fid
 * {@code calculate_frechet_distance}:
 *
 * <pre>d² = |μ1 - μ2|² + Tr(Σ1) + Tr(Σ2) - 2 Tr(sqrt(Σ1 Σ2))</pre>
 *
 * <p>pytorch-fid takes {@code scipy.linalg.sqrtm} of the non-symmetric product Σ1Σ2 and keeps
 * the real part. Only the trace of that root is needed, and Σ1Σ2 is similar to the symmetric
 * positive semi-definite M = sqrt(Σ1) Σ2 sqrt(Σ1) (same eigenvalues λ ≥ 0), so
 * Tr(sqrt(Σ1Σ2)) = Σ sqrt(λᵢ(M)). We use two symmetric eigendecompositions (commons-math3), which
 * stay real and stable where sqrtm of a near-singular product picks up imaginary noise.
 * Eigenvalues that rounding pushes slightly below zero are clamped to zero.
 */
public final class FrechetDistance {
    private FrechetDistance() {}

    /**
     * The squared Fréchet distance (what is reported as FID).
     *
     * @param first statistics of the first set
     * @param second statistics of the second set, same dimension
     * @return d² ≥ 0 up to rounding
     */
    public static double between(GaussianStatistics first, GaussianStatistics second) {
        if (first.dimension() != second.dimension()) {
            throw new IllegalArgumentException("cannot compare " + first.dimension()
                    + "-d statistics with " + second.dimension() + "-d ones");
        }
        double meanTerm = 0.0;
        for (int i = 0; i < first.dimension(); i++) {
            double d = first.mean()[i] - second.mean()[i];
            meanTerm += d * d;
        }
        RealMatrix sigma1 = MatrixUtils.createRealMatrix(first.covariance());
        RealMatrix sigma2 = MatrixUtils.createRealMatrix(second.covariance());
        return meanTerm + sigma1.getTrace() + sigma2.getTrace()
                - 2.0 * traceOfSqrtProduct(sigma1, sigma2);
    }

    /** Tr(sqrt(Σ1Σ2)) = Σ sqrt(λᵢ(sqrt(Σ1) Σ2 sqrt(Σ1))). */
    static double traceOfSqrtProduct(RealMatrix sigma1, RealMatrix sigma2) {
        RealMatrix root1 = symmetricSqrt(sigma1);
        RealMatrix inner = symmetrised(root1.multiply(sigma2).multiply(root1));
        double trace = 0.0;
        for (double lambda : new EigenDecomposition(inner).getRealEigenvalues()) {
            trace += Math.sqrt(Math.max(lambda, 0.0));
        }
        return trace;
    }

    /** V diag(sqrt(max(λ, 0))) Vᵀ of a symmetric positive semi-definite matrix. */
    private static RealMatrix symmetricSqrt(RealMatrix symmetric) {
        EigenDecomposition eigen = new EigenDecomposition(symmetrised(symmetric));
        double[] lambda = eigen.getRealEigenvalues();
        double[] root = new double[lambda.length];
        for (int i = 0; i < lambda.length; i++) {
            root[i] = Math.sqrt(Math.max(lambda[i], 0.0));
        }
        RealMatrix v = eigen.getV();
        return symmetrised(v.multiply(MatrixUtils.createRealDiagonalMatrix(root))
                .multiply(v.transpose()));
    }

    /**
     * (A + Aᵀ) / 2: removes rounding asymmetry so that commons-math takes its symmetric
     * (real, orthogonal) eigen path instead of the general one.
     */
    private static RealMatrix symmetrised(RealMatrix a) {
        return a.add(a.transpose()).scalarMultiply(0.5);
    }
}
