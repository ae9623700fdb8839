package diffusionsat.superres;

import diffusionsat.io.raster.Resampling;
import diffusionsat.metrics.Mse;
import diffusionsat.metrics.Psnr;
import diffusionsat.metrics.Ssim;
import diffusionsat.metrics.SsimSettings;
import diffusionsat.metrics.ValidPixels;
import java.io.Serializable;
import java.util.Locale;

/**
 * Compares a super-resolved RGB image with its reference on the output grid (DESIGN.md §7).
 *
 * <p>Rules: a reference of another size is resampled onto the output grid (pixel averages when it
 * is larger, cubic convolution when smaller) and the row says so. Nodata (NaN in output or
 * reference) is excluded, never filled: MSE and PSNR over the valid pixels, SSIM the mean of the
 * SSIM map over the pixels whose whole window is valid. Below {@code minValidFraction} valid
 * pixels there is no metric, only the reason, so that nodata can never flatter a tile.
 *
 * @param minValidFraction the least fraction of valid pixels that is scored ({@code
 *     metrics.minValidFraction})
 */
public record ImageComparison(double minValidFraction) implements Serializable {
    /** The documented default of {@code metrics.minValidFraction}. */
    public static final double DEFAULT_MIN_VALID_FRACTION = 0.9;

    /** Requires a fraction in [0, 1]. */
    public ImageComparison {
        if (!(minValidFraction >= 0 && minValidFraction <= 1)) {
            throw new IllegalArgumentException("minimum valid fraction " + minValidFraction
                    + " is not in [0, 1]");
        }
    }

    /**
     * Scores {@code output} (3 planes, width x height) against {@code reference} (3 planes,
     * refWidth x refHeight) by the rules above.
     *
     * @param referenceKind written into the result ({@code target}, {@code wald}, ...)
     */
    /** The smallest side two images compared here may have: the protocol's SSIM window. */
    public static int minSide() {
        return SsimSettings.protocol().window().size();
    }

    public TileMetrics compare(String referenceKind, float[][] output, int width, int height,
            float[][] reference, int refWidth, int refHeight) {
        boolean resampled = refWidth != width || refHeight != height;
        float[][] ref = onOutputGrid(reference, refWidth, refHeight, width, height);
        ValidPixels valid = ValidPixels.of(output, ref, width, height);
        double fraction = valid.fraction();
        if (valid.count() == 0 || fraction < minValidFraction) {
            return skippedForValidPixels(referenceKind, resampled, fraction, minValidFraction);
        }
        double ssim = Ssim.protocol().ofPlanes(output, ref, width, height, valid);
        if (Double.isNaN(ssim)) {
            return skippedForSsimWindows(referenceKind, resampled, fraction);
        }
        double mse = Mse.of(output, ref, valid);
        return new TileMetrics(referenceKind, mse, Psnr.fromMse(mse), ssim, resampled, fraction,
                null);
    }

    /** No metric: too few valid pixels. */
    static TileMetrics skippedForValidPixels(String referenceKind, boolean resampled,
            double fraction, double minValidFraction) {
        return new TileMetrics(referenceKind, null, null, null, resampled, fraction,
                String.format(Locale.ROOT, "%.1f%% of the pixels are valid in output and"
                        + " reference (metrics need %.1f%%: metrics.minValidFraction)",
                        100 * fraction, 100 * minValidFraction));
    }

    /** No metric: no pixel whose SSIM window is clean. */
    static TileMetrics skippedForSsimWindows(String referenceKind, boolean resampled,
            double fraction) {
        return new TileMetrics(referenceKind, null, null, null, resampled, fraction,
                "no pixel whose whole SSIM window is valid");
    }

    /**
     * {@code reference} on the output grid: itself when the sizes agree, else resampled by pixel
     * averages (larger reference) or cubic convolution (smaller).
     */
    public static float[][] onOutputGrid(float[][] reference, int refWidth, int refHeight,
            int width, int height) {
        if (refWidth == width && refHeight == height) {
            return reference;
        }
        return Resampling.resize(reference, refWidth, refHeight, width, height,
                refWidth > width ? Resampling.Method.AVERAGE : Resampling.Method.CUBIC);
    }

    /**
     * A copy of {@code output} whose missing (NaN) pixels take the reference's values: only for
     * LPIPS, whose network needs every pixel (the image metrics exclude nodata instead).
     */
    public static float[][] filledFrom(float[][] output, float[][] reference) {
        float[][] out = new float[3][];
        for (int c = 0; c < 3; c++) {
            out[c] = output[c].clone();
            for (int i = 0; i < out[c].length; i++) {
                if (Float.isNaN(out[c][i])) {
                    out[c][i] = reference[c][i];
                }
            }
        }
        return out;
    }
}
