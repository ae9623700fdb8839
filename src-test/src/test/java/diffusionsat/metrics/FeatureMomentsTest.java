package diffusionsat.metrics;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** FID sufficient statistics: partition-independence, serialisation, agreement with two-pass. */
class FeatureMomentsTest {
    private static final int DIM = 16;
    private static final int ROWS = 1000;
    /**
     * Merging reorders float64 additions only: results agree to rounding (1e3 ulp is generous for
     * 1000-term sums and a 16x16 eigenproblem).
     */
    private static final double ROUNDING_REL = 1e-12;

    @Test
    void fidOverFourSerialisedPartitionsEqualsFidOverOne() throws Exception {
        float[][] real = features(1, 0.0);
        float[][] fake = features(2, 0.3);
        double whole = FrechetDistance.between(
                partitioned(real, 1).toStatistics(), partitioned(fake, 1).toStatistics());
        double split = FrechetDistance.between(
                partitioned(real, 4).toStatistics(), partitioned(fake, 4).toStatistics());
        assertAll(() -> assertEquals(whole, split, ROUNDING_REL * whole),
                () -> assertEquals(ROWS, partitioned(real, 4).count()));
    }

    @Test
    void covarianceEqualsTwoPassUnbiasedCovariance() {
        float[][] x = features(3, 0.5);
        double[] mean = new double[DIM];
        for (float[] row : x) {
            for (int i = 0; i < DIM; i++) {
                mean[i] += row[i] / (double) ROWS;
            }
        }
        FeatureMoments moments = partitioned(x, 1);
        double[][] cov = moments.toCovariance();
        for (int i = 0; i < DIM; i++) {
            for (int j = 0; j < DIM; j++) {
                double expected = 0.0;
                for (float[] row : x) {
                    expected += (row[i] - mean[i]) * (row[j] - mean[j]);
                }
                expected /= ROWS - 1;   // np.cov's default ddof
                assertEquals(expected, cov[i][j], ROUNDING_REL * 10, "cov[" + i + "][" + j + "]");
            }
        }
    }

    /**
     * add buffers vectors and adds them block-wise; every entry must still get the same float64
     * terms in the same order as a one-vector-at-a-time sum, so the covariance is bit-identical.
     * 1000 vectors leave a partly filled block for toCovariance to flush.
     */
    @Test
    void blockedSumsEqualOneVectorAtATimeSums() {
        float[][] x = features(6, 0.2);
        double[] sum = new double[DIM];
        double[][] outer = new double[DIM][DIM];
        for (float[] row : x) {
            for (int i = 0; i < DIM; i++) {
                sum[i] += row[i];
                for (int j = 0; j < DIM; j++) {
                    outer[i][j] += (double) row[i] * row[j];
                }
            }
        }
        FeatureMoments moments = new FeatureMoments(DIM);
        for (float[] row : x) {
            moments.add(row);
        }
        double[][] cov = moments.toCovariance();
        for (int i = 0; i < DIM; i++) {
            for (int j = 0; j < DIM; j++) {
                double expected = (outer[i][j] - sum[i] * sum[j] / ROWS) / (ROWS - 1);
                assertEquals(expected, cov[i][j], 0.0, "cov[" + i + "][" + j + "]");
            }
        }
    }

    @Test
    void distanceOfASetToItselfIsZero() {
        GaussianStatistics stats = partitioned(features(4, 0.0), 1).toStatistics();
        assertEquals(0.0, FrechetDistance.between(stats, stats), 1e-12 * DIM);
    }

    @Test
    void covarianceNeedsTwoVectors() {
        FeatureMoments one = new FeatureMoments(DIM).add(features(5, 0.0)[0]);
        assertAll(() -> assertEquals(1, one.count()),
                () -> assertThrows(IllegalStateException.class, one::toCovariance));
    }

    /**
     * treeAggregate ships its zero value inside every task: empty statistics of Inception's 2048
     * dimensions must stay small (not 16.8 MB of zeros), and merging empties changes nothing.
     */
    @Test
    void emptyStatisticsAreSmallAndMergeAsNothing() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(new FeatureMoments(2048));
        }
        float[][] x = features(7, 0.1);
        FeatureMoments direct = partitioned(x, 1);
        FeatureMoments viaEmpties = roundTrip(new FeatureMoments(DIM))
                .merge(roundTrip(new FeatureMoments(DIM))).merge(partitioned(x, 1))
                .merge(new FeatureMoments(DIM));
        assertAll(() -> assertTrue(bytes.size() < 1024, bytes.size() + " bytes"),
                () -> assertEquals(direct.count(), viaEmpties.count()),
                () -> assertArrayEquals(direct.toMean(), viaEmpties.toMean(), 0.0),
                () -> assertArrayEquals(direct.toCovariance()[3], viaEmpties.toCovariance()[3],
                        0.0));
    }

    /** Rows cut into {@code parts} consecutive partitions, each sent through Java serialisation. */
    private static FeatureMoments partitioned(float[][] rows, int parts) {
        FeatureMoments total = new FeatureMoments(DIM);
        int per = rows.length / parts;
        for (int p = 0; p < parts; p++) {
            FeatureMoments part = new FeatureMoments(DIM);
            for (int r = p * per; r < (p == parts - 1 ? rows.length : (p + 1) * per); r++) {
                part.add(rows[r]);
            }
            total.merge(roundTrip(part));
        }
        return total;
    }

    private static FeatureMoments roundTrip(FeatureMoments moments) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(moments);
            }
            try (ObjectInputStream in =
                    new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                return (FeatureMoments) in.readObject();
            }
        } catch (IOException | ClassNotFoundException e) {
            throw new AssertionError("serialisation round trip failed", e);
        }
    }

    /** Correlated, non-negative-ish features like pooled activations: x = |A z| + shift. */
    private static float[][] features(long seed, double shift) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] mixing = new double[DIM][DIM];
        for (double[] row : mixing) {
            for (int j = 0; j < DIM; j++) {
                row[j] = random.nextGaussian() / Math.sqrt(DIM);
            }
        }
        float[][] out = new float[ROWS][DIM];
        for (float[] row : out) {
            double[] z = random.doubles(DIM).map(u -> u - 0.5).toArray();
            for (int i = 0; i < DIM; i++) {
                double v = 0.0;
                for (int j = 0; j < DIM; j++) {
                    v += mixing[i][j] * z[j];
                }
                row[i] = (float) (Math.abs(v) + shift);
            }
        }
        return out;
    }
}
