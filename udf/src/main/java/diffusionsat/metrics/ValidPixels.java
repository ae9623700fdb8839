package diffusionsat.metrics;

/**
 * The pixels of an image pair that can be scored: every channel finite in both images. Nodata
 * (NaN) in either image is left out of every metric rather than filled, so that it counts as
 * neither error nor agreement; {@link #fraction()} says how much of the image was scored.
 */
public final class ValidPixels {
    private final int width;
    private final int height;
    private final boolean[] valid;
    private final int count;

    private ValidPixels(int width, int height, boolean[] valid, int count) {
        this.width = width;
        this.height = height;
        this.valid = valid;
        this.count = count;
    }

    /**
     * The valid pixels of two images given as channel planes of {@code width × height}.
     *
     * @param a first image, {@code float[C][H*W]}
     * @param b second image, same shape
     */
    public static ValidPixels of(float[][] a, float[][] b, int width, int height) {
        if (a.length != b.length || a.length == 0) {
            throw new IllegalArgumentException(
                    "channel counts differ or are 0: " + a.length + " vs " + b.length);
        }
        boolean[] valid = new boolean[width * height];
        int count = 0;
        for (int i = 0; i < valid.length; i++) {
            boolean ok = true;
            for (int c = 0; c < a.length && ok; c++) {
                ok = Float.isFinite(a[c][i]) && Float.isFinite(b[c][i]);
            }
            valid[i] = ok;
            count += ok ? 1 : 0;
        }
        return new ValidPixels(width, height, valid, count);
    }

    /** Valid pixels ÷ all pixels. */
    public double fraction() {
        return valid.length == 0 ? 0 : count / (double) valid.length;
    }

    /** How many pixels are valid. */
    public int count() {
        return count;
    }

    /** Whether pixel {@code i} (row-major) is valid. */
    public boolean isValid(int i) {
        return valid[i];
    }

    /**
     * The pixels whose whole {@code size × size} window, centred on them, lies inside the image
     * and holds only valid pixels: where a windowed statistic (SSIM) sees no nodata and no edge.
     */
    public boolean[] wholeWindowValid(int size) {
        int pad = (size - 1) / 2;
        // Integral image of invalid pixels: a window is clean where its count is 0.
        int[] invalid = new int[(width + 1) * (height + 1)];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                invalid[(y + 1) * (width + 1) + x + 1] = (valid[y * width + x] ? 0 : 1)
                        + invalid[y * (width + 1) + x + 1] + invalid[(y + 1) * (width + 1) + x]
                        - invalid[y * (width + 1) + x];
            }
        }
        boolean[] clean = new boolean[width * height];
        for (int y = pad; y < height - pad; y++) {
            for (int x = pad; x < width - pad; x++) {
                int x0 = x - pad;
                int y0 = y - pad;
                int x1 = x0 + size;
                int y1 = y0 + size;
                int bad = invalid[y1 * (width + 1) + x1] - invalid[y0 * (width + 1) + x1]
                        - invalid[y1 * (width + 1) + x0] + invalid[y0 * (width + 1) + x0];
                clean[y * width + x] = bad == 0;
            }
        }
        return clean;
    }

    /** Copies of the planes with every invalid pixel set to 0 (filters take no NaN). */
    public float[][] zeroed(float[][] planes) {
        float[][] out = new float[planes.length][];
        for (int c = 0; c < planes.length; c++) {
            out[c] = planes[c].clone();
            for (int i = 0; i < out[c].length; i++) {
                if (!valid[i]) {
                    out[c][i] = 0f;
                }
            }
        }
        return out;
    }
}
