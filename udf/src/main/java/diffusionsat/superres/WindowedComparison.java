package diffusionsat.superres;

import diffusionsat.metrics.Mse;
import diffusionsat.metrics.Psnr;
import diffusionsat.metrics.Ssim;
import diffusionsat.metrics.ValidPixels;
import java.util.Arrays;

/**
 * {@link ImageComparison}'s rules for two images of the same size that are too large to hold:
 * both are read strip by strip (rows, with the SSIM window's margin of rows above and below) and
 * the metric sums are accumulated — squared errors and valid pixels over each strip's own rows,
 * the SSIM map over the pixels whose whole window is valid. The result equals the whole-image
 * comparison to float rounding (only the order of the sums differs); memory follows one strip.
 *
 * @param rules the valid-fraction rule ({@code metrics.minValidFraction})
 * @param stripPixels about how many pixels a strip holds, margins included; a strip has at
 *     least one row more than twice the margin
 */
public record WindowedComparison(ImageComparison rules, long stripPixels) {

    /** The rows {@code [y0, y1)} of an image of channel planes, row-major, NaN where missing. */
    @FunctionalInterface
    public interface Rows {
        float[][] read(int y0, int y1);
    }

    public WindowedComparison {
        if (stripPixels < 1) {
            throw new IllegalArgumentException("strip of " + stripPixels + " pixels");
        }
    }

    /** Scores {@code output} against {@code reference}, both {@code width × height}. */
    public TileMetrics compare(String referenceKind, Rows output, Rows reference, int width,
            int height) {
        Ssim ssim = Ssim.protocol();
        int margin = ssim.margin();
        if (width < 2 * margin + 1 || height < 2 * margin + 1) {
            throw new IllegalArgumentException("SSIM window " + (2 * margin + 1)
                    + " larger than the image " + height + "x" + width);
        }
        int rows = (int) Math.max(1, Math.min(height, stripPixels / width - 2L * margin));
        double squaredErrors = 0;
        long valid = 0;
        double[] ssimSums = null;
        for (int y0 = 0; y0 < height; y0 += rows) {
            int y1 = Math.min(height, y0 + rows);
            int top = Math.max(0, y0 - margin);
            int bottom = Math.min(height, y1 + margin);
            float[][] out = output.read(top, bottom);
            float[][] ref = reference.read(top, bottom);
            double[] sums = ssim.sums(out, ref, width, bottom - top,
                    ValidPixels.of(out, ref, width, bottom - top), y0 - top, y1 - top);
            ssimSums = ssimSums == null ? sums : add(ssimSums, sums);
            float[][] coreOut = rowsOf(out, width, y0 - top, y1 - top);
            float[][] coreRef = rowsOf(ref, width, y0 - top, y1 - top);
            ValidPixels core = ValidPixels.of(coreOut, coreRef, width, y1 - y0);
            squaredErrors += Mse.squaredErrorSum(coreOut, coreRef, core);
            valid += core.count();
        }
        double fraction = valid / ((double) width * height);
        if (valid == 0 || fraction < rules.minValidFraction()) {
            return ImageComparison.skippedForValidPixels(referenceKind, false, fraction,
                    rules.minValidFraction());
        }
        int channels = ssimSums.length - 1;
        double counted = ssimSums[channels];
        if (counted == 0) {
            return ImageComparison.skippedForSsimWindows(referenceKind, false, fraction);
        }
        double meanSsim = 0;
        for (int c = 0; c < channels; c++) {
            meanSsim += ssimSums[c] / counted;
        }
        meanSsim /= channels;
        double mse = squaredErrors / ((double) valid * channels);
        return new TileMetrics(referenceKind, mse, Psnr.fromMse(mse), meanSsim, false, fraction,
                null);
    }

    private static double[] add(double[] into, double[] more) {
        for (int i = 0; i < into.length; i++) {
            into[i] += more[i];
        }
        return into;
    }

    private static float[][] rowsOf(float[][] planes, int width, int from, int to) {
        float[][] out = new float[planes.length][];
        for (int c = 0; c < planes.length; c++) {
            out[c] = Arrays.copyOfRange(planes[c], from * width, to * width);
        }
        return out;
    }
}
