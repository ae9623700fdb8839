package diffusionsat.superres;

import diffusionsat.metrics.Psnr;

/**
 * Metrics of parts of one image (blocks of a chunk, chunks of a scene) merged into the image's:
 * MSE, SSIM and the valid fraction as pixel-weighted means over the scored parts, PSNR from the
 * merged MSE, resampled if any part's reference was; parts skipped for too few valid pixels
 * carry no weight. One scored part comes back exactly as it went in.
 */
final class WeightedMetrics {
    private TileMetrics first;
    private long pixels;
    private double mse;
    private double ssim;
    private double valid;
    private boolean resampled;
    private int parts;

    /** Adds one part's metrics covering {@code partPixels} pixels; null metrics are skipped. */
    void add(TileMetrics metrics, long partPixels) {
        if (metrics == null || partPixels == 0) {
            return;
        }
        if (first == null || first.skipped() != null) {
            first = metrics; // a scored part is the one kept when only one is scored
        }
        if (metrics.skipped() != null) {
            return; // too few valid pixels to score: no weight in the mean
        }
        parts++;
        pixels += partPixels;
        mse += metrics.mse() * partPixels;
        ssim += metrics.ssim() * partPixels;
        valid += metrics.validFraction() * partPixels;
        resampled |= metrics.referenceResampled();
    }

    /** The pixels the merged metrics average over. */
    long pixels() {
        return pixels;
    }

    /** The merged metrics; null when no part had any. */
    TileMetrics result() {
        if (parts <= 1) {
            return first;
        }
        double meanMse = mse / pixels;
        return new TileMetrics(first.reference(), meanMse, Psnr.fromMse(meanMse), ssim / pixels,
                resampled, valid / pixels, null);
    }
}
