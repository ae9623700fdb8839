package diffusionsat.metrics;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import diffusionsat.testing.Fixtures;
import java.io.IOException;
import java.util.OptionalDouble;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * FrechetDistance's two routes to Tr(sqrt(Σ1Σ2)), the Cholesky one and the eigendecomposition
 * fallback for singular Σ1, on MANIFEST.md case i's 64-d features.
 */
class FrechetDistanceTest {
    /** Both routes are exact similarity transforms: they differ by rounding only. */
    private static final double ROUTES_REL = 1e-12;
    /** MANIFEST.md case i's tolerance against pytorch-fid. */
    private static final double FID_REL = 1e-6;

    @Test
    void choleskyAndEigenRoutesAgreeOnFullRankCovariances() throws IOException {
        MetricsCase c = MetricsCase.read(Fixtures.reference().resolve("i_metrics"));
        DMatrixRMaj sigma1 = new DMatrixRMaj(c.moments("fid_features_1").toCovariance());
        DMatrixRMaj sigma2 = new DMatrixRMaj(c.moments("fid_features_2").toCovariance());
        OptionalDouble cholesky = FrechetDistance.viaCholesky(sigma1, sigma2);
        double eigen = FrechetDistance.viaEigen(sigma1, sigma2);
        assertTrue(cholesky.isPresent(), "Cholesky of a full-rank covariance");
        assertEquals(eigen, cholesky.getAsDouble(), ROUTES_REL * eigen);
    }

    /** Fewer vectors than dimensions: expected value from make_fid_rank_deficient.py (scipy). */
    @Test
    void singularCovarianceFallsBackToEigenAndMatchesScipy() throws IOException {
        JsonNode expected = new ObjectMapper().readTree(Fixtures.projectRoot()
                .resolve("src-test/src/test/resources/metricnets/fid_rank_deficient.json")
                .toFile());
        MetricsCase c = MetricsCase.read(Fixtures.reference().resolve("i_metrics"));
        GaussianStatistics first = c.moments("fid_features_1",
                expected.path("rows_of_fid_features_1").asInt()).toStatistics();
        GaussianStatistics second = c.moments("fid_features_2").toStatistics();
        double fid = expected.path("frechet_distance").asDouble();
        assertAll(() -> assertTrue(FrechetDistance.viaCholesky(new DMatrixRMaj(first.covariance()),
                        new DMatrixRMaj(second.covariance())).isEmpty(), "Cholesky of rank 39"),
                () -> assertEquals(fid, FrechetDistance.between(first, second), FID_REL * fid));
    }
}
