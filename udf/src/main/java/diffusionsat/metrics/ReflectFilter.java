package diffusionsat.metrics;

/**
 * Separable correlation of a 2-D float64 plane with a symmetric odd-length kernel, boundary mode
 * scipy.ndimage {@code 'reflect'}: half-sample symmetric, {@code d c b a | a b c d | d c b a}.
 * Filters axis 0 (columns of rows) first, then axis 1, as scipy's n-D filters do.
 */
final class ReflectFilter {
    private final double[] kernel;
    private final int radius;

    ReflectFilter(SsimWindow window) {
        this.kernel = window.weightsView();
        this.radius = window.radius();
    }

    /**
     * Filters {@code in} (height x width, row-major) into a new array.
     *
     * @param in the plane
     * @param height H
     * @param width W
     * @return the filtered plane, same layout
     */
    double[] apply(double[] in, int height, int width) {
        // Axis 0 one output row at a time: whole source rows are scaled and added, which reads
        // memory in order (a column-by-column walk would stride by W).
        double[] alongRows = new double[in.length];
        int[] rowSource = padIndex(height);
        for (int y = 0; y < height; y++) {
            int out = y * width;
            for (int k = 0; k < kernel.length; k++) {
                int src = rowSource[y + k] * width;
                double w = kernel[k];
                for (int x = 0; x < width; x++) {
                    alongRows[out + x] += w * in[src + x];
                }
            }
        }
        double[] result = new double[in.length];
        double[] line = new double[width + 2 * radius];
        int[] columnSource = padIndex(width);
        for (int y = 0; y < height; y++) {
            int row = y * width;
            for (int i = 0; i < columnSource.length; i++) {
                line[i] = alongRows[row + columnSource[i]];
            }
            for (int x = 0; x < width; x++) {
                result[row + x] = correlate(line, x);
            }
        }
        return result;
    }

    /** Kernel-weighted sum of padded {@code line} around output position {@code at}. */
    private double correlate(double[] line, int at) {
        double sum = 0.0;
        for (int k = 0; k < kernel.length; k++) {
            sum += kernel[k] * line[at + k];
        }
        return sum;
    }

    /**
     * Source index of each position of a line padded by {@code radius} on both sides. Reflection
     * has period 2n, so windows wider than the line still fold back as scipy's do.
     */
    private int[] padIndex(int n) {
        int[] index = new int[n + 2 * radius];
        for (int i = 0; i < index.length; i++) {
            int m = Math.floorMod(i - radius, 2 * n);
            index[i] = m < n ? m : 2 * n - 1 - m;
        }
        return index;
    }
}
