package diffusionsat.temporal;

import diffusionsat.io.raster.ResizeCentreCrop;
import diffusionsat.io.raster.Resampling;

/** Operations on row-major image planes shared by the temporal and sequence jobs. */
public final class Planes {
    private Planes() {}

    /** A copy with every value clamped to [0,1] (cubic resampling overshoots). */
    public static float[][] clamped(float[][] planes) {
        float[][] out = new float[planes.length][];
        for (int c = 0; c < planes.length; c++) {
            out[c] = new float[planes[c].length];
            for (int i = 0; i < out[c].length; i++) {
                out[c][i] = Math.max(0f, Math.min(1f, planes[c][i]));
            }
        }
        return out;
    }

    /**
     * A conditioning image of {@code size × size} by upstream's rule ({@link ResizeCentreCrop}:
     * the shorter edge resized bilinearly with antialiasing, the centre cropped; DIFFUSIONSAT.md
     * §5.2), clamped to [0,1]. A non-square image shows its centre only ({@link
     * ResizeCentreCrop#sourceWindow}).
     */
    public static float[][] conditioning(float[][] planes, int width, int height, int size) {
        return clamped(ResizeCentreCrop.square(size).apply(planes, width, height));
    }

    /**
     * Resizes planes to another size, clamped to [0,1]: pixel averages when shrinking, cubic
     * convolution when enlarging (the rule of the super-resolution metrics).
     */
    public static float[][] resize(float[][] planes, int width, int height, int newWidth,
            int newHeight) {
        if (width == newWidth && height == newHeight) {
            return planes;
        }
        boolean shrinking = newWidth * newHeight < width * height;
        return clamped(Resampling.resize(planes, width, height, newWidth, newHeight,
                shrinking ? Resampling.Method.AVERAGE : Resampling.Method.CUBIC));
    }
}
