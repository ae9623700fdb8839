package diffusionsat.evaluation;

import diffusionsat.io.raster.Resampling;
import diffusionsat.superres.ImageComparison;

/**
 * Faithfulness of an output to what was observed (DESIGN.md §7 "consistency"): the output is
 * downsampled to the input grid by pixel averages and compared with the input by PSNR.
 *
 * <p>Missing output pixels are left out of each average; an input pixel whose whole footprint is
 * missing in the output, or missing itself, is left out of the PSNR (the {@link ImageComparison}
 * rule), so nodata counts as neither error nor agreement.
 */
public final class ConsistencyScore {
    private ConsistencyScore() {}

    /**
     * @param output the output image (any size; normally the input size × the scale)
     * @param input the observed RGB image
     * @return PSNR in dB (+infinity when the downsampled output equals the input); null when
     *     too few pixels are valid for {@code comparison}
     */
    public static Double psnr(RgbImage output, RgbImage input, ImageComparison comparison) {
        RgbImage downsampled = downsample(output, input.width(), input.height());
        return comparison.compare("input", downsampled.planes(), input.width(), input.height(),
                input.planes(), input.width(), input.height()).psnr();
    }

    /** Pixel averages that skip missing pixels: resamples value·valid and valid, then divides. */
    static RgbImage downsample(RgbImage image, int width, int height) {
        int pixels = image.width() * image.height();
        float[][] weighted = new float[4][pixels];  // R, G, B with 0 for missing, then validity
        for (int i = 0; i < pixels; i++) {
            boolean missing = image.isMissing(i);
            for (int c = 0; c < 3; c++) {
                weighted[c][i] = missing ? 0f : image.planes()[c][i];
            }
            weighted[3][i] = missing ? 0f : 1f;
        }
        float[][] averaged = Resampling.resize(weighted, image.width(), image.height(), width,
                height, Resampling.Method.AVERAGE);
        float[][] out = new float[3][width * height];
        for (int i = 0; i < width * height; i++) {
            float valid = averaged[3][i];
            for (int c = 0; c < 3; c++) {
                out[c][i] = valid > 0f ? averaged[c][i] / valid : Float.NaN;
            }
        }
        return new RgbImage(width, height, out);
    }
}
