package diffusionsat.io.raster;

import java.io.Serializable;
import java.util.Locale;

/**
 * Where a raster's pixels lie: size, geotransform and CRS, without the pixels. Jobs that combine
 * rasters check them against one another's grid here, by the rule each needs: {@link
 * #requireSameGrid} (pixel for pixel, e.g. a cloud mask on its image) or {@link #requireCoveredBy}
 * (same ground, any pixel size: the raster is resampled, e.g. a frame of a time series).
 *
 * @param crsWkt the CRS as GDAL reports it (rasters read by one GDAL with equal CRSs have equal
 *     WKT, so equal strings are the test)
 */
public record PixelGrid(int width, int height, GeoTransform transform, String crsWkt)
        implements Serializable {

    /**
     * Transform coefficients of one pixel grid may differ by this fraction of a pixel (float
     * rounding in files).
     */
    private static final double SAME_GRID_TOLERANCE = 1e-3;
    /** Corners of one extent may differ by this fraction of a pixel (GDAL's pixel-centre rule). */
    private static final double SAME_EXTENT_TOLERANCE = 0.5;

    /** The grid of {@code raster}. */
    public static PixelGrid of(Raster raster) {
        return new PixelGrid(raster.width(), raster.height(), raster.transform(), raster.crsWkt());
    }

    /**
     * Whether {@code other} lies pixel for pixel on this grid: same size and CRS, each transform
     * coefficient within a thousandth of a pixel.
     */
    public boolean sameGrid(PixelGrid other) {
        if (!sameSize(other) || !crsWkt.equals(other.crsWkt)) {
            return false;
        }
        double tolerance = SAME_GRID_TOLERANCE * minPixelSize();
        double[] a = transform.toGdal();
        double[] b = other.transform.toGdal();
        for (int i = 0; i < a.length; i++) {
            if (Math.abs(a[i] - b[i]) > tolerance) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether {@code other} covers the same ground: same CRS, and each corner within half a pixel
     * of this grid's. Its size may differ.
     */
    public boolean sameExtent(PixelGrid other) {
        if (!crsWkt.equals(other.crsWkt)) {
            return false;
        }
        double tolerance = SAME_EXTENT_TOLERANCE * minPixelSize();
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

    /** Whether {@code other} has this grid's width and height (in pixels). */
    public boolean sameSize(PixelGrid other) {
        return width == other.width && height == other.height;
    }

    /**
     * Refuses {@code other} unless it lies pixel for pixel on this grid ({@link #sameGrid}).
     *
     * @param tileId the tile (or request) that fails
     * @param what names {@code other} in the message, e.g. "cloud mask s3a://…/m.tif"
     * @param reference names this grid's raster in the message, e.g. "image t1"
     * @throws GridMismatchException naming the tile and both grids
     */
    public void requireSameGrid(String tileId, String what, PixelGrid other, String reference) {
        if (!sameGrid(other)) {
            throw new GridMismatchException(tileId, what, other, "match", reference, this);
        }
    }

    /**
     * Refuses {@code other} unless it covers this grid's extent in its CRS ({@link #sameExtent});
     * a grid of another size passes, to be resampled onto this one.
     *
     * @param tileId the tile (or request) that fails
     * @param what names {@code other} in the message, e.g. "frame f2"
     * @param reference names this grid's raster in the message, e.g. "frame f1"
     * @throws GridMismatchException naming the tile and both grids
     */
    public void requireCoveredBy(String tileId, String what, PixelGrid other, String reference) {
        if (!sameExtent(other)) {
            throw new GridMismatchException(tileId, what, other, "cover", reference, this);
        }
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

    /**
     * The grid of the {@code w × h} pixels whose top-left pixel is (x0, y0) of this grid (a
     * window; it may reach past the edges).
     */
    public PixelGrid window(int x0, int y0, int w, int h) {
        GeoTransform t = transform;
        return new PixelGrid(w, h, new GeoTransform(t.x(x0, y0), t.pixelWidth(), t.rowRotation(),
                t.y(x0, y0), t.columnRotation(), t.pixelHeight()), crsWkt);
    }

    /** Size, origin and pixel size for messages (the WKT is too long to print). */
    public String describe() {
        return String.format(Locale.ROOT, "%dx%d px, origin (%.6f, %.6f), pixel %.6g x %.6g",
                width, height, transform.originX(), transform.originY(), transform.pixelSizeX(),
                transform.pixelSizeY());
    }

    private double minPixelSize() {
        return Math.min(transform.pixelSizeX(), transform.pixelSizeY());
    }
}
