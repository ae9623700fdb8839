package diffusionsat.metrics;

/**
 * Mean structural similarity of two images, computed in float64 exactly as scikit-image 0.19
 * {@code structural_similarity} does on float64 inputs:
 *
 * <ol>
 *   <li>local means, mean squares and mean product with the window (reflect boundary):
 *       ux, uy, uxx, uyy, uxy;
 *   <li>vx = s(uxx - ux^2), vy = s(uyy - uy^2), vxy = s(uxy - ux uy), s = NP/(NP-1) for the
 *       sample form, 1 for the population form;
 *   <li>S = (2 ux uy + C1)(2 vxy + C2) / ((ux^2 + uy^2 + C1)(vx + vy + C2));
 *   <li>the mean of S over the image without a border strip of width (size - 1) / 2 (skimage's
 *       {@code crop(S, pad).mean()}, which keeps filter edge effects out);
 *   <li>for several channels, each channel separately, then the mean over channels.
 * </ol>
 *
 * <p>scikit-image keeps float32 inputs in float32; we always work in float64 (on reference case i
 * the two differ by about 5e-7).
 */
public final class Ssim {
    private final SsimSettings settings;
    private final ReflectFilter filter;

    /**
     * @param settings window and constants
     */
    public Ssim(SsimSettings settings) {
        this.settings = settings;
        this.filter = new ReflectFilter(settings.window());
    }

    /** SSIM with the project's protocol settings ({@link SsimSettings#protocol()}). */
    public static Ssim protocol() {
        return new Ssim(SsimSettings.protocol());
    }

    /**
     * Mean SSIM over channels of two images of the same shape.
     *
     * @param a first image
     * @param b second image
     * @return the mean SSIM, in [-1, 1]
     */
    public double of(HwcImage a, HwcImage b) {
        a.requireSameShape(b);
        double sum = 0.0;
        for (int c = 0; c < a.channels(); c++) {
            sum += ofPlane(a.plane(c), b.plane(c), a.height(), a.width());
        }
        return sum / a.channels();
    }

    /**
     * Protocol SSIM ({@link SsimSettings#protocol()}) of two images given as channel planes.
     *
     * @param a first image, {@code float[C][H*W]}, each plane row-major
     * @param b second image, same shape
     * @param width W (note the order: width before height)
     * @param height H
     * @return the mean SSIM over channels
     */
    public static double gaussian(float[][] a, float[][] b, int width, int height) {
        return protocol().ofPlanes(a, b, width, height);
    }

    /**
     * Mean SSIM over channels of two images given as channel planes.
     *
     * @param a first image, {@code float[C][H*W]}, each plane row-major
     * @param b second image, same shape
     * @param width W (note the order: width before height)
     * @param height H
     * @return the mean SSIM over channels
     */
    public double ofPlanes(float[][] a, float[][] b, int width, int height) {
        if (a.length != b.length || a.length == 0) {
            throw new IllegalArgumentException(
                    "channel counts differ or are 0: " + a.length + " vs " + b.length);
        }
        double sum = 0.0;
        for (int c = 0; c < a.length; c++) {
            sum += ofPlane(widened(a[c]), widened(b[c]), height, width);
        }
        return sum / a.length;
    }

    /**
     * Mean SSIM over channels of the pixels whose whole window is valid ({@link
     * ValidPixels#wholeWindowValid}): the SSIM map of each channel, with nodata zeroed for the
     * filters, averaged only where the window saw none; NaN where no pixel qualifies.
     *
     * @param a first image, {@code float[C][H*W]}, NaN where missing
     * @param b second image, same shape
     */
    public double ofPlanes(float[][] a, float[][] b, int width, int height, ValidPixels valid) {
        boolean[] include = valid.wholeWindowValid(settings.window().size());
        float[][] x = valid.zeroed(a);
        float[][] y = valid.zeroed(b);
        double sum = 0.0;
        for (int c = 0; c < a.length; c++) {
            sum += ofPlane(widened(x[c]), widened(y[c]), height, width, include);
        }
        return sum / a.length;
    }

    /**
     * Mean SSIM of two single-channel planes (skimage without {@code channel_axis}).
     *
     * @param x first plane, height x width, row-major
     * @param y second plane, same layout
     * @param height H
     * @param width W
     * @return the mean SSIM over the cropped region
     */
    public double ofPlane(double[] x, double[] y, int height, int width) {
        return ofPlane(x, y, height, width, null);
    }

    /** As {@link #ofPlane(double[], double[], int, int)}, over {@code include} (null: all). */
    private double ofPlane(double[] x, double[] y, int height, int width, boolean[] include) {
        int size = settings.window().size();
        if (height < size || width < size) {
            // skimage raises here too: the cropped region would be empty or dominated by edges.
            throw new IllegalArgumentException("SSIM window " + size + " larger than the image "
                    + height + "x" + width);
        }
        double[] sum = sumOfMap(x, y, height, width, include, 0, height);
        return sum[1] == 0 ? Double.NaN : sum[0] / sum[1];
    }

    /**
     * Per-channel sums of the SSIM map over the pixels of rows {@code [fromRow, toRow)} of a
     * strip of rows that the whole window of each sees no nodata and no edge of the strip
     * ({@link ValidPixels#wholeWindowValid}), and how many pixels that is: a large image scored
     * strip by strip (each strip with the window's margin of rows above and below its rows)
     * sums to exactly the pixels and values of the whole image's map, since a pixel's map value
     * depends only on its window. A strip lower than the window adds nothing.
     *
     * @param a strip of the first image, {@code float[C][H*W]}, NaN where missing
     * @param b strip of the second image, same shape
     * @return {@code sums[c]} for each channel, then the pixel count at index C
     */
    public double[] sums(float[][] a, float[][] b, int width, int height, ValidPixels valid,
            int fromRow, int toRow) {
        double[] out = new double[a.length + 1];
        int size = settings.window().size();
        if (height < size || width < size) {
            return out;
        }
        boolean[] include = valid.wholeWindowValid(size);
        float[][] x = valid.zeroed(a);
        float[][] y = valid.zeroed(b);
        for (int c = 0; c < a.length; c++) {
            double[] sum = sumOfMap(widened(x[c]), widened(y[c]), height, width, include,
                    fromRow, toRow);
            out[c] = sum[0];
            out[a.length] = sum[1];
        }
        return out;
    }

    /** {sum, count} of the SSIM map over rows [fromRow, toRow) without the border strip. */
    private double[] sumOfMap(double[] x, double[] y, int height, int width, boolean[] include,
            int fromRow, int toRow) {
        int size = settings.window().size();
        if (x.length != height * width || y.length != height * width) {
            throw new IllegalArgumentException("planes must hold " + height * width + " values");
        }
        double np = (double) size * size;
        double covNorm = settings.sampleCovariance() ? np / (np - 1.0) : 1.0;
        double c1 = square(settings.k1() * settings.dataRange());
        double c2 = square(settings.k2() * settings.dataRange());

        double[] ux = filter.apply(x, height, width);
        double[] uy = filter.apply(y, height, width);
        double[] uxx = filter.apply(product(x, x), height, width);
        double[] uyy = filter.apply(product(y, y), height, width);
        double[] uxy = filter.apply(product(x, y), height, width);

        int pad = (size - 1) / 2;
        double sum = 0.0;
        long counted = 0;
        for (int r = Math.max(pad, fromRow); r < Math.min(height - pad, toRow); r++) {
            for (int col = pad; col < width - pad; col++) {
                int i = r * width + col;
                if (include != null && !include[i]) {
                    continue;
                }
                counted++;
                double vx = covNorm * (uxx[i] - ux[i] * ux[i]);
                double vy = covNorm * (uyy[i] - uy[i] * uy[i]);
                double vxy = covNorm * (uxy[i] - ux[i] * uy[i]);
                double a1 = 2.0 * ux[i] * uy[i] + c1;
                double a2 = 2.0 * vxy + c2;
                double b1 = ux[i] * ux[i] + uy[i] * uy[i] + c1;
                double b2 = vx + vy + c2;
                sum += (a1 * a2) / (b1 * b2);
            }
        }
        return new double[] {sum, counted};
    }

    /** The window's margin: rows a strip needs above and below the rows it scores. */
    public int margin() {
        return (settings.window().size() - 1) / 2;
    }

    private static double[] widened(float[] plane) {
        double[] out = new double[plane.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = plane[i];
        }
        return out;
    }

    private static double[] product(double[] p, double[] q) {
        double[] out = new double[p.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = p[i] * q[i];
        }
        return out;
    }

    private static double square(double v) {
        return v * v;
    }
}
