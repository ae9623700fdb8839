package diffusionsat.inpaint;

import diffusionsat.io.TileException;
import diffusionsat.io.raster.GeoTransform;
import diffusionsat.io.raster.Raster;
import java.util.Locale;

/** Checks that two rasters lie on the same pixel grid: size, CRS and geotransform. */
final class RasterGrids {
    /** Transform coefficients may differ by this fraction of a pixel (float rounding in files). */
    private static final double PIXEL_TOLERANCE = 1e-3;

    private RasterGrids() {}

    /**
     * @throws TileException naming the tile and both grids when {@code other} ({@code what}) is
     *     not on {@code reference}'s grid
     */
    static void requireSame(String tileId, Raster reference, Raster other, String what) {
        if (reference.width() != other.width() || reference.height() != other.height()
                || !reference.crsWkt().equals(other.crsWkt())
                || !sameTransform(reference.transform(), other.transform())) {
            throw new TileException(tileId, what + " does not match the image's grid: "
                    + describe(other) + " vs " + describe(reference));
        }
    }

    private static boolean sameTransform(GeoTransform a, GeoTransform b) {
        double tolerance = PIXEL_TOLERANCE * Math.min(a.pixelSizeX(), a.pixelSizeY());
        double[] x = a.toGdal();
        double[] y = b.toGdal();
        for (int i = 0; i < x.length; i++) {
            if (Math.abs(x[i] - y[i]) > tolerance) {
                return false;
            }
        }
        return true;
    }

    private static String describe(Raster raster) {
        GeoTransform t = raster.transform();
        return String.format(Locale.ROOT, "%dx%d px, origin (%.6f, %.6f), pixel %.6g",
                raster.width(), raster.height(), t.originX(), t.originY(), t.pixelSizeX());
    }
}
