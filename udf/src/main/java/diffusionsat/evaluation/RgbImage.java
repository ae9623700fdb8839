package diffusionsat.evaluation;

import diffusionsat.io.raster.Raster;
import java.io.Serializable;

/**
 * An RGB image as three row-major planes of {@code height × width} values in [0, 1], NaN where a
 * pixel is missing (nodata). The arrays are shared, not copied.
 *
 * @param planes R, G, B
 */
public record RgbImage(int width, int height, float[][] planes) implements Serializable {

    public RgbImage {
        if (planes.length != 3) {
            throw new IllegalArgumentException("an RGB image has 3 planes, not " + planes.length);
        }
        for (float[] plane : planes) {
            if (plane.length != width * height) {
                throw new IllegalArgumentException("a plane has " + plane.length
                        + " values, expected " + width + "x" + height);
            }
        }
    }

    /** {@code rgb} read from {@code raster}, NaN wherever the raster's pixel is missing. */
    public static RgbImage of(Raster raster, float[][] rgb) {
        boolean[] missing = raster.missingMask();
        for (float[] plane : rgb) {
            for (int i = 0; i < plane.length; i++) {
                if (missing[i]) {
                    plane[i] = Float.NaN;
                }
            }
        }
        return new RgbImage(raster.width(), raster.height(), rgb);
    }

    /** Whether pixel {@code i} (row-major) is missing in any channel. */
    public boolean isMissing(int i) {
        return Float.isNaN(planes[0][i]) || Float.isNaN(planes[1][i]) || Float.isNaN(planes[2][i]);
    }

    /** A copy with NaN wherever {@code mask} has a missing pixel (same size). */
    public RgbImage maskedLike(RgbImage mask) {
        float[][] out = new float[3][];
        for (int c = 0; c < 3; c++) {
            out[c] = planes[c].clone();
            for (int i = 0; i < out[c].length; i++) {
                if (mask.isMissing(i)) {
                    out[c][i] = Float.NaN;
                }
            }
        }
        return new RgbImage(width, height, out);
    }

    /** Copies of the planes with missing pixels set to 0: resolvers and references take no NaN. */
    public float[][] filledPlanes() {
        float[][] out = new float[3][];
        for (int c = 0; c < 3; c++) {
            out[c] = planes[c].clone();
            for (int i = 0; i < out[c].length; i++) {
                if (Float.isNaN(out[c][i])) {
                    out[c][i] = 0f;
                }
            }
        }
        return out;
    }
}
