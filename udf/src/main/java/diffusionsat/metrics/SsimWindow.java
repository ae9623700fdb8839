package diffusionsat.metrics;

import java.util.Arrays;

/**
 * The separable local window of SSIM: one normalised, odd-length 1-D kernel applied along rows
 * and columns. Two kinds, as scikit-image {@code structural_similarity} offers them: a Gaussian
 * ({@code scipy.ndimage.gaussian_filter}) and a uniform box ({@code scipy.ndimage.uniform_filter}).
 */
public final class SsimWindow {
    private final double[] weights;
    private final String description;

    private SsimWindow(double[] weights, String description) {
        this.weights = weights;
        this.description = description;
    }

    /**
     * A Gaussian window as scipy builds it: radius {@code int(truncate * sigma + 0.5)}, weights
     * {@code exp(-x^2 / (2 sigma^2))} for x in [-radius, radius], divided by their sum. With
     * sigma 1.5 and truncate 3.5 (scikit-image's choice) the radius is 5: an 11-tap window.
     *
     * @param sigma standard deviation in pixels
     * @param truncate how many sigmas the window reaches
     * @return the window
     */
    public static SsimWindow gaussian(double sigma, double truncate) {
        if (!(sigma > 0.0) || !(truncate > 0.0)) {
            throw new IllegalArgumentException("Gaussian window needs sigma, truncate > 0, got "
                    + sigma + ", " + truncate);
        }
        int radius = (int) (truncate * sigma + 0.5);
        double[] w = new double[2 * radius + 1];
        double sum = 0.0;
        for (int i = 0; i < w.length; i++) {
            double x = i - radius;
            w[i] = Math.exp(-0.5 / (sigma * sigma) * x * x);
            sum += w[i];
        }
        for (int i = 0; i < w.length; i++) {
            w[i] /= sum;
        }
        return new SsimWindow(w, "gaussian(sigma=" + sigma + ", truncate=" + truncate + ")");
    }

    /**
     * A uniform (box) window of odd size: the mean of the {@code size x size} neighbourhood.
     *
     * @param size odd window side, at least 3
     * @return the window
     */
    public static SsimWindow uniform(int size) {
        if (size < 3 || size % 2 == 0) {
            throw new IllegalArgumentException("uniform window size must be odd and >= 3: " + size);
        }
        double[] w = new double[size];
        Arrays.fill(w, 1.0 / size);
        return new SsimWindow(w, "uniform(" + size + ")");
    }

    /** Window side in pixels (odd). */
    public int size() {
        return weights.length;
    }

    /** Half the side, rounded down: the border strip SSIM leaves out of its mean. */
    public int radius() {
        return weights.length / 2;
    }

    /** The 1-D weights (a copy). */
    public double[] weights() {
        return weights.clone();
    }

    /** Weights without copying, for the filter. */
    double[] weightsView() {
        return weights;
    }

    @Override
    public String toString() {
        return description;
    }
}
