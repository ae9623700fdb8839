package diffusionsat.superres;

import diffusionsat.metrics.Psnr;

/**
 * Metrics of parts of one image (blocks of a chunk, chunks of a scene) merged into the image's:
 * MSE and SSIM as pixel-weighted means (both are means over pixels), PSNR from the merged MSE,
 * resampled if any part's reference was. One part comes back exactly as it went in.
 */
final class WeightedMetrics {
    private TileMetrics first;
    private long pixels;
    private double mse;
    private double ssim;
    private boolean resampled;
    private int parts;

    /** Adds one part's metrics covering {@code partPixels} pixels; null metrics are skipped. */
    void add(TileMetrics metrics, long partPixels) {
        if (metrics == null || partPixels == 0) {
            return;
        }
        if (first == null) {
            first = metrics;
        }
        parts++;
        pixels += partPixels;
        mse += metrics.mse() * partPixels;
        ssim += metrics.ssim() * partPixels;
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
                resampled);
    }
}
