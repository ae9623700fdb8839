package diffusionsat.metrics;

/**
 * An image for the metrics: values in [0, 1], stored row-major in HWC order (the index of pixel
 * {@code (y, x)}, channel {@code c} is {@code (y * width + x) * channels + c}), as numpy arrays
 * with {@code channel_axis=-1} and the reference fixtures lay them out (DESIGN.md §7).
 *
 * <p>The array is not copied: callers hand over ownership.
 *
 * @param height rows (H)
 * @param width columns (W)
 * @param channels channels (C), 3 for RGB
 * @param pixels H*W*C values in HWC order
 */
public record HwcImage(int height, int width, int channels, float[] pixels) {
    /** Checks that the dimensions are positive and match the pixel count. */
    public HwcImage {
        if (height < 1 || width < 1 || channels < 1) {
            throw new IllegalArgumentException(
                    "image dimensions must be positive: " + height + "x" + width + "x" + channels);
        }
        if ((long) height * width * channels != pixels.length) {
            throw new IllegalArgumentException("image " + height + "x" + width + "x" + channels
                    + " needs " + (long) height * width * channels + " values, got "
                    + pixels.length);
        }
    }

    /**
     * Re-orders a CHW image (the layout of one image of a model's (B, C, H, W) output) into HWC.
     *
     * @param channels C
     * @param height H
     * @param width W
     * @param chw C*H*W values in CHW order
     * @return the same pixels as an HWC image
     */
    public static HwcImage fromChw(int channels, int height, int width, float[] chw) {
        int plane = height * width;
        if ((long) plane * channels != chw.length) {
            throw new IllegalArgumentException("CHW image " + channels + "x" + height + "x" + width
                    + " needs " + (long) plane * channels + " values, got " + chw.length);
        }
        float[] hwc = new float[chw.length];
        for (int c = 0; c < channels; c++) {
            for (int p = 0; p < plane; p++) {
                hwc[p * channels + c] = chw[c * plane + p];   // (C, H*W) -> (H*W, C)
            }
        }
        return new HwcImage(height, width, channels, hwc);
    }

    /**
     * One channel widened to float64.
     *
     * @param channel the channel index
     * @return H*W values, row-major
     */
    public double[] plane(int channel) {
        if (channel < 0 || channel >= channels) {
            throw new IndexOutOfBoundsException("channel " + channel + " of " + channels);
        }
        double[] out = new double[height * width];
        for (int p = 0; p < out.length; p++) {
            out[p] = pixels[p * channels + channel];
        }
        return out;
    }

    /** Throws unless {@code other} has the same height, width and channel count. */
    void requireSameShape(HwcImage other) {
        if (height != other.height || width != other.width || channels != other.channels) {
            throw new IllegalArgumentException("images differ in shape: " + height + "x" + width
                    + "x" + channels + " vs " + other.height + "x" + other.width + "x"
                    + other.channels);
        }
    }
}
