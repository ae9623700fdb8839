package diffusionsat.metrics;

import java.util.List;

/**
 * How much samples of one image drawn with different seeds disagree (DESIGN.md §7, faithfulness):
 * the per-pixel population standard deviation (ddof 0) over the samples, per channel, and its
 * mean over the pixels that every sample has. A pixel that is NaN in any sample is NaN in the map
 * and left out of the mean.
 */
public final class PixelSpread {
    private PixelSpread() {}

    /**
     * @param samples at least two images of equal shape, each {@code float[C][H*W]}
     * @return the standard deviation map, {@code float[C][H*W]}
     */
    public static float[][] standardDeviation(List<float[][]> samples) {
        if (samples.size() < 2) {
            throw new IllegalArgumentException("a spread needs at least 2 samples, got "
                    + samples.size());
        }
        float[][] first = samples.get(0);
        for (float[][] sample : samples) {
            if (sample.length != first.length) {
                throw new IllegalArgumentException("samples differ in channel count");
            }
            for (int c = 0; c < first.length; c++) {
                if (sample[c].length != first[c].length) {
                    throw new IllegalArgumentException("channel " + c + " differs in length");
                }
            }
        }
        float[][] out = new float[first.length][];
        for (int c = 0; c < first.length; c++) {
            out[c] = channel(samples, c);
        }
        return out;
    }

    /** The mean of the finite values of {@code map}; NaN when it has none. */
    public static double mean(float[][] map) {
        double sum = 0;
        long count = 0;
        for (float[] plane : map) {
            for (float v : plane) {
                if (!Float.isNaN(v)) {
                    sum += v;
                    count++;
                }
            }
        }
        return count == 0 ? Double.NaN : sum / count;
    }

    /** Two passes in float64 (mean, then squared deviations): no cancellation of a one-pass sum. */
    private static float[] channel(List<float[][]> samples, int c) {
        int pixels = samples.get(0)[c].length;
        float[] out = new float[pixels];
        for (int i = 0; i < pixels; i++) {
            double sum = 0;
            for (float[][] sample : samples) {
                sum += sample[c][i];
            }
            double mean = sum / samples.size();
            double squares = 0;
            for (float[][] sample : samples) {
                double d = sample[c][i] - mean;
                squares += d * d;
            }
            out[i] = (float) Math.sqrt(squares / samples.size());
        }
        return out;
    }
}
