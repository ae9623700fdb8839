package diffusionsat.metrics;

/**
 * Peak signal-to-noise ratio with data range 1: {@code 10 * log10(1 / MSE)} (DESIGN.md §7).
 *
 * <p>Identical images (MSE 0) give {@link Double#POSITIVE_INFINITY}, as scikit-image does (numpy
 * divides by zero to inf). The value is kept infinite here on purpose, so that averages over tiles
 * stay honest; whoever writes a table decides how to print it.
 */
public final class Psnr {
    private Psnr() {}

    /**
     * PSNR of two images of the same shape.
     *
     * @param a first image
     * @param b second image
     * @return PSNR in dB, or +infinity when the images are equal
     */
    public static double of(HwcImage a, HwcImage b) {
        return fromMse(Mse.of(a, b));
    }

    /**
     * PSNR from an already computed MSE.
     *
     * @param mse a mean squared error, at least 0
     * @return PSNR in dB, or +infinity when {@code mse == 0}
     */
    public static double fromMse(double mse) {
        if (!(mse >= 0.0)) {
            throw new IllegalArgumentException("MSE must be >= 0, got " + mse);
        }
        return mse == 0.0 ? Double.POSITIVE_INFINITY : 10.0 * Math.log10(1.0 / mse);
    }
}
