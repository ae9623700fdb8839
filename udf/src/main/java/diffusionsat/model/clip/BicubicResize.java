package diffusionsat.model.clip;

/**
 * Separable bicubic resampling of float planes the way PIL's {@code Image.resize(BICUBIC)}
 * computes it (and torch's {@code interpolate(mode="bicubic", antialias=True,
 * align_corners=False)}): Keys' cubic with a = −0.5; when shrinking, the kernel is widened by
 * the scale factor so every input pixel contributes (antialiasing); each output pixel's weights
 * are normalised to sum 1. Unlike PIL on 8-bit images, values stay float: no rounding to 1/255
 * after each pass and no clamping of the cubic's small overshoot.
 */
final class BicubicResize {
    private static final double A = -0.5;
    private static final double SUPPORT = 2;

    private BicubicResize() {}

    /** One row-major plane (width × height) resampled to (newWidth × newHeight). */
    static float[] resize(float[] plane, int width, int height, int newWidth, int newHeight) {
        Weights horizontal = Weights.of(width, newWidth);
        Weights vertical = Weights.of(height, newHeight);
        float[] rows = new float[newWidth * height];                  // horizontal pass first
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < newWidth; x++) {
                rows[y * newWidth + x] = (float) horizontal.apply(plane, y * width, 1, x);
            }
        }
        float[] out = new float[newWidth * newHeight];
        for (int y = 0; y < newHeight; y++) {
            for (int x = 0; x < newWidth; x++) {
                out[y * newWidth + x] = (float) vertical.apply(rows, x, newWidth, y);
            }
        }
        return out;
    }

    /** Keys' cubic convolution kernel with a = −0.5. */
    private static double cubic(double x) {
        double t = Math.abs(x);
        if (t < 1) {
            return ((A + 2) * t - (A + 3)) * t * t + 1;
        }
        if (t < 2) {
            return (((t - 5) * t + 8) * t - 4) * A;
        }
        return 0;
    }

    /** For each output index along one axis: the first input index and normalised weights. */
    private record Weights(int[] first, double[][] weights) {
        static Weights of(int inSize, int outSize) {
            double scale = (double) inSize / outSize;
            double widening = Math.max(scale, 1);                     // > 1 only when shrinking
            double support = SUPPORT * widening;
            int[] first = new int[outSize];
            double[][] weights = new double[outSize][];
            for (int i = 0; i < outSize; i++) {
                double center = (i + 0.5) * scale;
                // PIL truncates towards zero here; the max/min keep the window inside the axis.
                int min = Math.max((int) (center - support + 0.5), 0);
                int max = Math.min((int) (center + support + 0.5), inSize);
                double[] w = new double[max - min];
                double total = 0;
                for (int j = 0; j < w.length; j++) {
                    w[j] = cubic((min + j - center + 0.5) / widening);
                    total += w[j];
                }
                for (int j = 0; j < w.length; j++) {
                    w[j] = total == 0 ? 0 : w[j] / total;
                }
                first[i] = min;
                weights[i] = w;
            }
            return new Weights(first, weights);
        }

        /** Σ_j w[i][j] · values[offset + (first[i] + j) · stride]. */
        double apply(float[] values, int offset, int stride, int i) {
            double sum = 0;
            double[] w = weights[i];
            for (int j = 0; j < w.length; j++) {
                sum += w[j] * values[offset + (first[i] + j) * stride];
            }
            return sum;
        }
    }
}
