package diffusionsat.io.raster;

/**
 * Bilinear resizing with antialiasing, as PyTorch's {@code F.interpolate(mode="bilinear",
 * align_corners=False, antialias=True)} (torchvision's {@code Resize} on tensors; upstream's
 * conditioning transforms, MANIFEST.md fact 14). Separable: rows first, then columns, each a
 * triangle filter whose support grows with the downscaling factor (so every input pixel counts
 * when shrinking) and whose weights are renormalised where the filter leaves the image; when
 * enlarging it equals plain bilinear with edge clamping. Arithmetic in float32 as torch's CPU
 * kernel, so the output is torch's to float rounding.
 */
public final class AntialiasedBilinear {
    private AntialiasedBilinear() {}

    /**
     * Resizes each plane from width×height to newWidth×newHeight.
     *
     * @param planes row-major planes of equal size
     * @return new row-major planes
     */
    public static float[][] resize(float[][] planes, int width, int height, int newWidth,
            int newHeight) {
        Taps horizontal = Taps.of(width, newWidth);
        Taps vertical = Taps.of(height, newHeight);
        float[][] out = new float[planes.length][];
        for (int c = 0; c < planes.length; c++) {
            float[] rows = new float[newWidth * height];
            for (int y = 0; y < height; y++) {
                horizontal.apply(planes[c], y * width, 1, rows, y * newWidth, 1);
            }
            float[] plane = new float[newWidth * newHeight];
            for (int x = 0; x < newWidth; x++) {
                vertical.apply(rows, x, newWidth, plane, x, newWidth);
            }
            out[c] = plane;
        }
        return out;
    }

    /** The filter taps of one axis: for each output index its first input and weights. */
    private record Taps(int[] first, float[][] weights) {
        static Taps of(int inSize, int outSize) {
            if (inSize < 1 || outSize < 1) {
                throw new IllegalArgumentException("cannot resize " + inSize + " to " + outSize
                        + " pixels");
            }
            // Types as torch's kernel: float variables, some sums promoted to double by its
            // 0.5 literals, which decides the rounding at the filter's edges.
            float scale = (float) inSize / outSize;
            float support = scale >= 1f ? scale : 1f; // bilinear: half of 2 taps × the scale
            float invScale = scale >= 1f ? (float) (1.0 / scale) : 1f;
            int[] first = new int[outSize];
            float[][] weights = new float[outSize][];
            for (int i = 0; i < outSize; i++) {
                float center = (float) (scale * (i + 0.5));
                // (long) truncates toward zero as torch's static_cast<int64_t>
                int min = (int) Math.max((long) ((center - support) + 0.5), 0L);
                int count = (int) Math.min((long) ((center + support) + 0.5), inSize) - min;
                float[] w = new float[count];
                float total = 0f;
                for (int j = 0; j < count; j++) {
                    w[j] = triangle((float) (((float) (j + min) - center + 0.5) * invScale));
                    total += w[j];
                }
                for (int j = 0; j < count && total != 0f; j++) {
                    w[j] /= total;
                }
                first[i] = min;
                weights[i] = w;
            }
            return new Taps(first, weights);
        }

        /** out[o + i·os] = Σ_j w_ij · in[s + (first_i + j)·ss] for every output index i. */
        void apply(float[] in, int s, int ss, float[] out, int o, int os) {
            for (int i = 0; i < first.length; i++) {
                float[] w = weights[i];
                int base = s + first[i] * ss;
                float sum = 0f;
                for (int j = 0; j < w.length; j++) {
                    sum += w[j] * in[base + j * ss];
                }
                out[o + i * os] = sum;
            }
        }

        private static float triangle(float x) {
            float a = Math.abs(x);
            return a < 1f ? 1f - a : 0f;
        }
    }
}
