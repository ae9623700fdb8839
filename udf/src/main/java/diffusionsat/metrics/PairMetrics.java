package diffusionsat.metrics;

/**
 * The per-tile reference metrics of DESIGN.md §7 for one (reference, output) pair.
 *
 * @param mse mean squared error
 * @param psnr PSNR in dB; +infinity for identical images (see {@link Psnr})
 * @param ssim mean SSIM over channels
 */
public record PairMetrics(double mse, double psnr, double ssim) {
    /**
     * Computes MSE, PSNR and SSIM of a pair.
     *
     * @param reference the ground-truth image
     * @param output the generated image, same shape
     * @param ssim the SSIM settings to use (normally {@link Ssim#protocol()})
     * @return the three metrics
     */
    public static PairMetrics of(HwcImage reference, HwcImage output, Ssim ssim) {
        double mse = Mse.of(reference, output);
        return new PairMetrics(mse, Psnr.fromMse(mse), ssim.of(reference, output));
    }
}
