package diffusionsat.metrics;

/**
 * Mean squared error over all pixels and channels, accumulated in float64 (DESIGN.md §7). Takes
 * images either as {@link HwcImage}s or as channel planes ({@code float[C][H*W]}, the layout of
 * GDAL bands).
 */
public final class Mse {
    private Mse() {}

    /**
     * MSE of two images of the same shape; equals scikit-image {@code mean_squared_error} on
     * float64 copies of the pixels.
     *
     * @param a first image
     * @param b second image
     * @return mean of (a - b)^2
     */
    public static double of(HwcImage a, HwcImage b) {
        a.requireSameShape(b);
        return squaredErrorSum(a.pixels(), b.pixels()) / a.pixels().length;
    }

    /**
     * MSE of two images given as channel planes of equal count and length.
     *
     * @param a first image, {@code float[C][H*W]}
     * @param b second image, same shape
     * @return mean of (a - b)^2 over all planes
     */
    public static double of(float[][] a, float[][] b) {
        if (a.length != b.length || a.length == 0) {
            throw new IllegalArgumentException(
                    "channel counts differ or are 0: " + a.length + " vs " + b.length);
        }
        double sum = 0.0;
        long count = 0;
        for (int c = 0; c < a.length; c++) {
            if (a[c].length != b[c].length || a[c].length != a[0].length) {
                throw new IllegalArgumentException("channel " + c + " planes differ in length");
            }
            sum += squaredErrorSum(a[c], b[c]);
            count += a[c].length;
        }
        return sum / count;
    }

    /**
     * MSE over the valid pixels only (every channel of each), NaN when none is valid.
     *
     * @param a first image, {@code float[C][H*W]}
     * @param b second image, same shape
     */
    public static double of(float[][] a, float[][] b, ValidPixels valid) {
        return squaredErrorSum(a, b, valid) / ((double) valid.count() * a.length);
    }

    /**
     * Σ (a − b)² over the valid pixels and every channel: what {@link #of(float[][], float[][],
     * ValidPixels)} divides, so that strips of a large image can be summed.
     */
    public static double squaredErrorSum(float[][] a, float[][] b, ValidPixels valid) {
        double sum = 0.0;
        for (int c = 0; c < a.length; c++) {
            for (int i = 0; i < a[c].length; i++) {
                if (valid.isValid(i)) {
                    double d = (double) a[c][i] - b[c][i];
                    sum += d * d;
                }
            }
        }
        return sum;
    }

    private static double squaredErrorSum(float[] x, float[] y) {
        double sum = 0.0;
        for (int i = 0; i < x.length; i++) {
            double d = (double) x[i] - y[i];
            sum += d * d;
        }
        return sum;
    }
}
