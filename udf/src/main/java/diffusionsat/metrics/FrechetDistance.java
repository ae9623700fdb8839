package diffusionsat.metrics;

import java.util.OptionalDouble;
import java.util.stream.IntStream;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Fréchet distance between two Gaussians, the FID formula of pytorch-fid
 * {@code calculate_frechet_distance}:
 *
 * <pre>d² = |μ1 - μ2|² + Tr(Σ1) + Tr(Σ2) - 2 Tr(sqrt(Σ1 Σ2))</pre>
 *
 * <p>pytorch-fid takes {@code scipy.linalg.sqrtm} of the non-symmetric product Σ1Σ2 and keeps the
 * real part. Only the trace of that root is needed: for any B with Σ1 = B Bᵀ, Σ1Σ2 is similar to
 * the symmetric positive semi-definite C = Bᵀ Σ2 B, so Tr(sqrt(Σ1Σ2)) = Σ sqrt(λᵢ(C)). Symmetric
 * eigenvalues (EJML) keep everything real and stable where sqrtm of a near-singular product picks
 * up imaginary noise. Eigenvalues that rounding pushes slightly below zero are clamped to zero.
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
        DMatrixRMaj sigma1 = new DMatrixRMaj(first.covariance());
        DMatrixRMaj sigma2 = new DMatrixRMaj(second.covariance());
        return meanTerm + CommonOps_DDRM.trace(sigma1) + CommonOps_DDRM.trace(sigma2)
                - 2.0 * traceOfSqrtProduct(sigma1, sigma2);
    }

    /**
     * Tr(sqrt(Σ1Σ2)), with B the Cholesky factor L of Σ1 where it exists: one factorisation and
     * one eigenvalues-only decomposition. A covariance of fewer vectors than dimensions (or with
     * a constant feature) is singular, so Cholesky fails; then B = V Λ^½ from Σ1's
     * eigendecomposition, which accepts any positive semi-definite Σ1.
     */
    private static double traceOfSqrtProduct(DMatrixRMaj sigma1, DMatrixRMaj sigma2) {
        return viaCholesky(sigma1, sigma2).orElseGet(() -> viaEigen(sigma1, sigma2));
    }

    /** Σ sqrt(λᵢ(Lᵀ Σ2 L)) for Σ1 = L Lᵀ; empty where Σ1 is not numerically positive definite. */
    static OptionalDouble viaCholesky(DMatrixRMaj sigma1, DMatrixRMaj sigma2) {
        CholeskyDecomposition_F64<DMatrixRMaj> cholesky =
                DecompositionFactory_DDRM.chol(sigma1.numRows, true);
        if (!cholesky.decompose(sigma1.copy())) {
            return OptionalDouble.empty();
        }
        DMatrixRMaj inner = congruence(cholesky.getT(null), sigma2);
        return OptionalDouble.of(traceOfSqrt(symmetricEigen(inner, false)));
    }

    /** Σ sqrt(λᵢ(Bᵀ Σ2 B)), B = V Λ^½ from Σ1 = V Λ Vᵀ; needs two eigendecompositions. */
    static double viaEigen(DMatrixRMaj sigma1, DMatrixRMaj sigma2) {
        int n = sigma1.numRows;
        EigenDecomposition_F64<DMatrixRMaj> eigen1 = symmetricEigen(sigma1, true);
        DMatrixRMaj b = new DMatrixRMaj(n, n);
        for (int k = 0; k < n; k++) {
            double root = Math.sqrt(Math.max(eigen1.getEigenvalue(k).getReal(), 0.0));
            DMatrixRMaj v = eigen1.getEigenVector(k);                   // (n, 1)
            for (int i = 0; i < n; i++) {
                b.unsafe_set(i, k, v.unsafe_get(i, 0) * root);          // column k of V Λ^½
            }
        }
        DMatrixRMaj sigma2B = new DMatrixRMaj(n, n);
        CommonOps_DDRM.mult(sigma2, b, sigma2B);
        DMatrixRMaj inner = new DMatrixRMaj(n, n);
        CommonOps_DDRM.multTransA(b, sigma2B, inner);                   // Bᵀ Σ2 B
        return traceOfSqrt(symmetricEigen(inner, false));
    }

    /**
     * Lᵀ S L for lower-triangular L and symmetric S, skipping L's zeros: W = S L, then the upper
     * triangle of Lᵀ W, mirrored. Rows are independent, so they run in parallel. A third of the
     * multiply-adds of two general products (EJML has no triangular matrix product).
     */
    private static DMatrixRMaj congruence(DMatrixRMaj lower, DMatrixRMaj s) {
        int n = lower.numRows;
        double[] l = lower.data;
        double[] w = new double[n * n];
        IntStream.range(0, n).parallel().forEach(i -> {
            for (int k = 0; k < n; k++) {               // W[i][j] = Σ_k S[i][k] L[k][j], k >= j
                double sik = s.data[i * n + k];
                for (int j = 0; j <= k; j++) {
                    w[i * n + j] += sik * l[k * n + j];
                }
            }
        });
        DMatrixRMaj c = new DMatrixRMaj(n, n);
        IntStream.range(0, n).parallel().forEach(i -> {
            for (int k = i; k < n; k++) {               // C[i][j] = Σ_k L[k][i] W[k][j], k >= i
                double lki = l[k * n + i];
                for (int j = i; j < n; j++) {
                    c.data[i * n + j] += lki * w[k * n + j];
                }
            }
        });
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                c.data[i * n + j] = c.data[j * n + i];
            }
        }
        return c;
    }

    private static double traceOfSqrt(EigenDecomposition_F64<DMatrixRMaj> eigen) {
        double trace = 0.0;
        for (int k = 0; k < eigen.getNumberOfEigenvalues(); k++) {
            trace += Math.sqrt(Math.max(eigen.getEigenvalue(k).getReal(), 0.0));
        }
        return trace;
    }

    /**
     * Eigen-decomposes (A + Aᵀ) / 2: the average removes rounding asymmetry, so the symmetric
     * solver sees an exactly symmetric matrix.
     */
    private static EigenDecomposition_F64<DMatrixRMaj> symmetricEigen(
            DMatrixRMaj a, boolean vectors) {
        DMatrixRMaj symmetric = new DMatrixRMaj(a.numRows, a.numCols);
        CommonOps_DDRM.transpose(a, symmetric);
        CommonOps_DDRM.addEquals(symmetric, a);
        CommonOps_DDRM.scale(0.5, symmetric);
        EigenDecomposition_F64<DMatrixRMaj> eigen =
                DecompositionFactory_DDRM.eig(a.numRows, vectors, true);
        if (!eigen.decompose(symmetric)) {
            throw new ArithmeticException(
                    "symmetric eigendecomposition of a " + a.numRows + "-d covariance failed");
        }
        return eigen;
    }
}
