package diffusionsat.superres;

import diffusionsat.io.raster.Resampling;
import diffusionsat.metrics.Mse;
import diffusionsat.metrics.Psnr;
import diffusionsat.metrics.Ssim;

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
     * MSE, PSNR and SSIM of {@code output} (R, G, B planes, width × height) against {@code
     * reference} (refWidth × refHeight), in a row labelled {@code referenceKind}.
     */
    public static TileMetrics compare(String referenceKind, float[][] output, int width, int height,
            float[][] reference, int refWidth, int refHeight) {
        boolean resampled = refWidth != width || refHeight != height;
        float[][] ref = resampled
                ? Resampling.resize(reference, refWidth, refHeight, width, height,
                        refWidth > width ? Resampling.Method.AVERAGE : Resampling.Method.CUBIC)
                : reference;
        float[][] out = new float[3][];
        for (int c = 0; c < 3; c++) {
            out[c] = output[c].clone();
            for (int i = 0; i < out[c].length; i++) {
                if (Float.isNaN(out[c][i])) {
                    out[c][i] = ref[c][i];
                }
            }
        }
        double mse = Mse.of(out, ref);
        return new TileMetrics(referenceKind, mse, Psnr.fromMse(mse),
                Ssim.gaussian(out, ref, width, height), resampled);
    }
}
