package diffusionsat.bench;

import diffusionsat.metrics.FeatureMoments;
import diffusionsat.metrics.FrechetDistance;
import diffusionsat.metrics.GaussianStatistics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Time of FID's driver side at Inception's 2048 dimensions: the moments of two feature sets
 * (what the partitions accumulate), mean and covariance, and the Fréchet distance. Features are
 * seeded correlated noise (a banded random mixing of independent normals), so both covariances
 * are full rank like real Inception pools.
 *
 * <p>Usage: {@code scripts/benchmark.sh FrechetDistanceBenchmark [dimension] [vectors] [dir]};
 * with {@code dir}, the two statistics are also written there as raw float64
 * ({@code mu1.f64}, {@code sigma1.f64}, ...) for benchmarks/pytorch/fid_scipy.py, the pytorch-fid
 * baseline (scipy sqrtm).
 */
public final class FrechetDistanceBenchmark {
    private static final int BAND = 8;
    private FrechetDistanceBenchmark() {}

    public static void main(String[] args) {
        int dimension = args.length > 0 ? Integer.parseInt(args[0]) : 2048;
        int vectors = args.length > 1 ? Integer.parseInt(args[1]) : 2 * dimension;
        long start = System.nanoTime();
        FeatureMoments first = moments(dimension, vectors, 1);
        FeatureMoments second = moments(dimension, vectors, 2);
        long accumulated = System.nanoTime();
        GaussianStatistics a = first.toStatistics();
        GaussianStatistics b = second.toStatistics();
        long statistics = System.nanoTime();
        double fid = FrechetDistance.between(a, b);
        long distance = System.nanoTime();
        System.out.printf(Locale.ROOT, "## Fréchet distance, D = %d, %d vectors per set, %s %s%n%n"
                + "| step | seconds |%n|---|---:|%n"
                + "| moments of both sets (one thread) | %.2f |%n"
                + "| mean and covariance | %.2f |%n"
                + "| Fréchet distance | %.2f |%n%nFID %.6f%n", dimension, vectors,
                System.getProperty("java.vm.name"), System.getProperty("java.version"),
                (accumulated - start) / 1e9, (statistics - accumulated) / 1e9,
                (distance - statistics) / 1e9, fid);
        if (args.length > 2) {
            Path dir = Path.of(args[2]);
            write(dir.resolve("mu1.f64"), a.mean());
            write(dir.resolve("mu2.f64"), b.mean());
            write(dir.resolve("sigma1.f64"), flat(a.covariance()));
            write(dir.resolve("sigma2.f64"), flat(b.covariance()));
        }
    }

    /** x = M z + shift, z standard normal, M a fixed random band of width BAND (one per set). */
    private static FeatureMoments moments(int dimension, int vectors, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[][] band = new float[dimension][BAND];
        for (float[] row : band) {
            for (int j = 0; j < BAND; j++) {
                row[j] = (float) (random.nextDouble() - 0.5);
            }
        }
        FeatureMoments moments = new FeatureMoments(dimension);
        float[] z = new float[dimension + BAND];
        float[] x = new float[dimension];
        for (int n = 0; n < vectors; n++) {
            for (int j = 0; j < z.length; j++) {
                z[j] = (float) gaussian(random);
            }
            for (int i = 0; i < dimension; i++) {
                float sum = 0;
                for (int j = 0; j < BAND; j++) {
                    sum += band[i][j] * z[i + j];
                }
                x[i] = sum + (float) seed * 0.01f;
            }
            moments.add(x);
        }
        return moments;
    }

    private static double gaussian(SplittableRandom random) {
        double u = random.nextDouble(Double.MIN_VALUE, 1.0);
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    private static double[] flat(double[][] matrix) {
        double[] out = new double[matrix.length * matrix.length];
        for (int i = 0; i < matrix.length; i++) {
            System.arraycopy(matrix[i], 0, out, i * matrix.length, matrix.length);
        }
        return out;
    }

    private static void write(Path file, double[] values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asDoubleBuffer().put(values);
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            out.write(buffer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
