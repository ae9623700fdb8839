package diffusionsat.io.raster;

import java.io.Serializable;

/**
 * The affine map from pixel (column, row) to CRS coordinates, in GDAL's order: x = originX +
 * column·pixelWidth + row·rowRotation, y = originY + column·columnRotation + row·pixelHeight
 * (pixelHeight is negative for north-up images).
 */
public record GeoTransform(
        double originX,
        double pixelWidth,
        double rowRotation,
        double originY,
        double columnRotation,
        double pixelHeight)
        implements Serializable {

    /** From GDAL's six coefficients {@code (originX, pixelWidth, rowRotation, originY, ...)}. */
    public static GeoTransform fromGdal(double[] gt) {
        if (gt == null || gt.length != 6) {
            throw new IllegalArgumentException("a GDAL geotransform has 6 coefficients");
        }
        return new GeoTransform(gt[0], gt[1], gt[2], gt[3], gt[4], gt[5]);
    }

    /** GDAL's six coefficients. */
    public double[] toGdal() {
        return new double[] {
            originX, pixelWidth, rowRotation, originY, columnRotation, pixelHeight
        };
    }

    /**
     * From STAC's {@code proj:transform} (rasterio's affine order {@code a, b, c, d, e, f}: x =
     * a·column + b·row + c, y = d·column + e·row + f); a 9-element form's last row is ignored.
     */
    public static GeoTransform fromStac(double[] t) {
        if (t == null || (t.length != 6 && t.length != 9)) {
            throw new IllegalArgumentException("a STAC proj:transform has 6 or 9 coefficients");
        }
        return new GeoTransform(t[2], t[0], t[1], t[5], t[3], t[4]);
    }

    /** STAC's {@code proj:transform} order {@code a, b, c, d, e, f} (see {@link #fromStac}). */
    public double[] toStac() {
        return new double[] {
            pixelWidth, rowRotation, originX, columnRotation, pixelHeight, originY
        };
    }

    /**
     * The grid of an image {@code factor} times finer over the same extent (super-resolution
     * output): the origin stays, every per-pixel coefficient (sizes and rotations) is divided.
     */
    public GeoTransform scaled(double factor) {
        if (!(factor > 0)) {
            throw new IllegalArgumentException("scale factor must be positive: " + factor);
        }
        return new GeoTransform(originX, pixelWidth / factor, rowRotation / factor,
                originY, columnRotation / factor, pixelHeight / factor);
    }

    /** CRS x of the pixel-grid point (column, row); corners are at whole numbers. */
    public double x(double column, double row) {
        return originX + column * pixelWidth + row * rowRotation;
    }

    /** CRS y of the pixel-grid point (column, row); corners are at whole numbers. */
    public double y(double column, double row) {
        return originY + column * columnRotation + row * pixelHeight;
    }

    /** Length of a pixel's edge along the rows, in CRS units. */
    public double pixelSizeX() {
        return Math.hypot(pixelWidth, columnRotation);
    }

    /** Length of a pixel's edge along the columns, in CRS units. */
    public double pixelSizeY() {
        return Math.hypot(rowRotation, pixelHeight);
    }
}
