package diffusionsat.temporal;

import diffusionsat.io.raster.GeoTransform;
import diffusionsat.io.raster.Raster;
import java.io.Serializable;
import java.util.Locale;

/**
 * Where a raster's pixels lie: size, geotransform and CRS, without the pixels.
 *
 * @param crsWkt the CRS as GDAL reports it (frames of one catalogue come from one GDAL, so equal
 *     CRSs have equal WKT)
 */
public record PixelGrid(int width, int height, GeoTransform transform, String crsWkt)
        implements Serializable {

    public static PixelGrid of(Raster raster) {
        return new PixelGrid(raster.width(), raster.height(), raster.transform(), raster.crsWkt());
    }

    /**
     * Whether {@code other} covers the same ground: same CRS, and each corner within half a pixel
     * of this grid. Its size may differ (it is then resampled onto this grid).
     */
    public boolean sameExtent(PixelGrid other) {
        if (!crsWkt.equals(other.crsWkt)) {
            return false;
        }
        double tolerance = 0.5 * Math.min(transform.pixelSizeX(), transform.pixelSizeY());
        for (double[] corner : new double[][] {{0, 0}, {1, 0}, {0, 1}, {1, 1}}) {
            double dx = transform.x(corner[0] * width, corner[1] * height)
                    - other.transform.x(corner[0] * other.width, corner[1] * other.height);
            double dy = transform.y(corner[0] * width, corner[1] * height)
                    - other.transform.y(corner[0] * other.width, corner[1] * other.height);
            if (Math.hypot(dx, dy) > tolerance) {
                return false;
            }
        }
        return true;
    }

    /**
     * The grid of a {@code newWidth × newHeight} image over the same extent: the origin stays,
     * per-pixel coefficients scale by the size ratios of each axis.
     */
    public PixelGrid resized(int newWidth, int newHeight) {
        double sx = width / (double) newWidth;
        double sy = height / (double) newHeight;
        GeoTransform t = transform;
        return new PixelGrid(newWidth, newHeight, new GeoTransform(t.originX(),
                t.pixelWidth() * sx, t.rowRotation() * sy, t.originY(), t.columnRotation() * sx,
                t.pixelHeight() * sy), crsWkt);
    }

    /** Size and origin for messages (the WKT is too long to print). */
    public String describe() {
        return String.format(Locale.ROOT, "%dx%d px, origin (%.3f, %.3f), pixel %.4f x %.4f",
                width, height, transform.originX(), transform.originY(), transform.pixelSizeX(),
                transform.pixelSizeY());
    }
}
