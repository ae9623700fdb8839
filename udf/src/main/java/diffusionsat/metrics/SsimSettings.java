package diffusionsat.metrics;

/**
 * The knobs of SSIM (Wang et al. 2004) as scikit-image {@code structural_similarity} exposes them.
 *
 * @param window the local window
 * @param sampleCovariance true to scale local (co)variances by NP / (NP - 1), NP = size^2
 *     (scikit-image's default); false for the population form of the paper
 * @param k1 stabiliser of the luminance term, C1 = (k1 * dataRange)^2
 * @param k2 stabiliser of the contrast-structure term, C2 = (k2 * dataRange)^2
 * @param dataRange max - min of the value range (1 for images in [0, 1])
 */
public record SsimSettings(
        SsimWindow window, boolean sampleCovariance, double k1, double k2, double dataRange) {
    /** Checks the constants. */
    public SsimSettings {
        if (!(k1 > 0.0) || !(k2 > 0.0) || !(dataRange > 0.0)) {
            throw new IllegalArgumentException("SSIM needs k1, k2, dataRange > 0: "
                    + k1 + ", " + k2 + ", " + dataRange);
        }
    }

    /**
     * The project's protocol (DESIGN.md §7): Gaussian sigma 1.5 truncated at 3.5 (11x11),
     * population covariance, K1 0.01, K2 0.03, data range 1. Equals {@code
     * structural_similarity(a, b, gaussian_weights=True, sigma=1.5, use_sample_covariance=False,
     * data_range=1, channel_axis=-1)}.
     */
    public static SsimSettings protocol() {
        return new SsimSettings(SsimWindow.gaussian(1.5, 3.5), false, 0.01, 0.03, 1.0);
    }

    /**
     * scikit-image's defaults, {@code structural_similarity(a, b, data_range=1, channel_axis=-1)}:
     * 7x7 uniform window, sample covariance, K1 0.01, K2 0.03. Used by reference case i.
     */
    public static SsimSettings skimageDefault() {
        return new SsimSettings(SsimWindow.uniform(7), true, 0.01, 0.03, 1.0);
    }
}
