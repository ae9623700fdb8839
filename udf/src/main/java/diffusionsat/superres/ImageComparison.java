package diffusionsat.superres;

import diffusionsat.io.raster.Resampling;
import diffusionsat.metrics.Mse;
import diffusionsat.metrics.Psnr;
import diffusionsat.metrics.Ssim;
import diffusionsat.metrics.SsimSettings;

/**
 * Compares a super-resolved RGB image with its reference on the output grid (DESIGN.md §7).
 *
 * <p>Rules: a reference of another size is resampled onto the output grid (pixel averages when it
 * is larger, cubic convolution when smaller) and the row says so; output pixels that are nodata
 * (NaN) take the reference's value, so they count as neither error nor agreement beyond what the
 * valid pixels show.
 */
public final class ImageComparison {
    private ImageComparison() {}

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

    public static TileMetrics compare(String referenceKind, float[][] output, int width, int height,
            float[][] reference, int refWidth, int refHeight) {
        boolean resampled = refWidth != width || refHeight != height;
        float[][] ref = onOutputGrid(reference, refWidth, refHeight, width, height);
        float[][] out = filledFrom(output, ref);
        double mse = Mse.of(out, ref);
        return new TileMetrics(referenceKind, mse, Psnr.fromMse(mse),
                Ssim.gaussian(out, ref, width, height), resampled);
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

    /** A copy of {@code output} whose missing (NaN) pixels take the reference's values. */
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
