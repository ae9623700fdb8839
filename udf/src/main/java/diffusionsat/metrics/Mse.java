package diffusionsat.metrics;

/** Mean squared error over all pixels and channels, accumulated in float64 (DESIGN.md §7). */
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
        float[] x = a.pixels();
        float[] y = b.pixels();
        double sum = 0.0;
        for (int i = 0; i < x.length; i++) {
            double d = (double) x[i] - y[i];
            sum += d * d;
        }
        return sum / x.length;
    }
}
