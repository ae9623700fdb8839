package diffusionsat.bench;

import diffusionsat.metrics.HwcImage;
import diffusionsat.metrics.Mse;
import diffusionsat.metrics.Ssim;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Time of one protocol SSIM (Gaussian 11x11, float64) and one MSE of a 512x512x3 pair, single
 * thread, after a warm-up. Pixels are seeded noise: the cost does not depend on the content.
 *
 * <p>Usage: {@code scripts/benchmark.sh SsimBenchmark [repeats]}; prints Markdown.
 */
public final class SsimBenchmark {
    private static final int SIDE = 512;
    private static final int CHANNELS = 3;
    private static final int WARM_UP = 5;

    private SsimBenchmark() {}

    public static void main(String[] args) {
        int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        HwcImage a = noise(1);
        HwcImage b = noise(2);
        Ssim ssim = Ssim.protocol();
        double sink = 0.0;
        for (int i = 0; i < WARM_UP; i++) {
            sink += ssim.of(a, b) + Mse.of(a, b);
        }
        double[] ssimMs = new double[repeats];
        double[] mseMs = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            long start = System.nanoTime();
            sink += ssim.of(a, b);
            long middle = System.nanoTime();
            sink += Mse.of(a, b);
            ssimMs[i] = (middle - start) / 1e6;
            mseMs[i] = (System.nanoTime() - middle) / 1e6;
        }
        System.out.printf(Locale.ROOT, "## SSIM / MSE, %dx%dx%d, single thread, %s %s%n%n", SIDE,
                SIDE, CHANNELS, System.getProperty("java.vm.name"),
                System.getProperty("java.version"));
        System.out.printf(Locale.ROOT, "| metric | median ms | min ms | repeats |%n"
                + "|---|---:|---:|---:|%n");
        System.out.printf(Locale.ROOT, "| SSIM (protocol) | %.2f | %.2f | %d |%n",
                median(ssimMs), min(ssimMs), repeats);
        System.out.printf(Locale.ROOT, "| MSE | %.2f | %.2f | %d |%n", median(mseMs), min(mseMs),
                repeats);
        // Printing the accumulated values keeps the JIT from dropping the measured calls.
        System.out.printf(Locale.ROOT, "%n(checksum %.6f)%n", sink);
    }

    private static HwcImage noise(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] pixels = new float[SIDE * SIDE * CHANNELS];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (float) random.nextDouble();
        }
        return new HwcImage(SIDE, SIDE, CHANNELS, pixels);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double min(double[] values) {
        return Arrays.stream(values).min().orElseThrow();
    }
}
