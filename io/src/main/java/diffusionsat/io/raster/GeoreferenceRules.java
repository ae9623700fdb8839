package diffusionsat.io.raster;

import diffusionsat.io.TileException;
import java.util.Locale;
import java.util.Optional;

/**
 * What a raster's geotransform must be before the catalogue places it, and so gives the model
 * its position and GSD (README "Bad input"):
 *
 * <ul>
 *   <li>present: GDAL reports (0, 1, 0, 0, 0, 1) for a file without one, which is no position;
 *   <li>finite, with pixels of non-zero size;
 *   <li>not sheared: the pixel axes perpendicular (within 0.1 %);
 *   <li>pixel edges within 10 % of each other: the GSD is their mean (odd sizes resampled over
 *       one extent give edges 1 % apart), which would misdescribe one axis by more than 5 %.
 * </ul>
 *
 * A rotated grid is accepted: the model gets the centre's lon/lat and the pixel's edge length,
 * as for a north-up grid, and outputs keep the rotation ({@link GeoTransform#scaled}).
 */
public final class GeoreferenceRules {
    private static final double SHEAR_TOLERANCE = 1e-3;
    private static final double EDGE_TOLERANCE = 0.1;
    private static final GeoTransform GDAL_DEFAULT = new GeoTransform(0, 1, 0, 0, 0, 1);

    private GeoreferenceRules() {}

    /** Whether {@code transform} is GDAL's stand-in for a file without one. */
    public static boolean isMissing(GeoTransform transform) {
        return transform.equals(GDAL_DEFAULT);
    }

    /** The first rule {@code transform} breaks, or empty when it is usable. */
    public static Optional<String> problem(GeoTransform transform) {
        if (isMissing(transform)) {
            return Optional.of("has no geotransform (GDAL's default (0, 1, 0, 0, 0, 1) is no"
                    + " position)");
        }
        for (double c : transform.toGdal()) {
            if (!Double.isFinite(c)) {
                return Optional.of("has a non-finite geotransform " + describe(transform));
            }
        }
        double sizeX = transform.pixelSizeX();
        double sizeY = transform.pixelSizeY();
        if (sizeX == 0 || sizeY == 0) {
            return Optional.of("has a geotransform with zero-size pixels " + describe(transform));
        }
        // Column axis (pixelWidth, columnRotation) · row axis (rowRotation, pixelHeight).
        double cosine = (transform.pixelWidth() * transform.rowRotation()
                + transform.columnRotation() * transform.pixelHeight()) / (sizeX * sizeY);
        if (Math.abs(cosine) > SHEAR_TOLERANCE) {
            return Optional.of("has a sheared geotransform " + describe(transform)
                    + ": its pixel axes are not perpendicular");
        }
        if (Math.abs(sizeX - sizeY) > EDGE_TOLERANCE * Math.max(sizeX, sizeY)) {
            return Optional.of(String.format(Locale.ROOT, "has non-square pixels (%s x %s CRS"
                    + " units, edges more than 10 %% apart): one GSD cannot describe them",
                    sizeX, sizeY));
        }
        return Optional.empty();
    }

    /** A {@link TileException} naming the tile, the file and the broken rule, if any. */
    public static void require(String tileId, String uri, GeoTransform transform) {
        problem(transform).ifPresent(problem -> {
            throw new TileException(tileId, uri + " " + problem);
        });
    }

    /**
     * {@link #require}, except that a raster without any geotransform passes: the temporal and
     * inpaint jobs take the model's position and GSD from the catalogue, match a request's
     * rasters grid to grid (all without one match pixel for pixel) and write outputs on the
     * target's grid, so chips catalogued by their pixels (xBD's PNGs) keep working and get an
     * output without georeference, never an invented one. A geotransform that is present must
     * be usable: a sheared, degenerate or non-square one is refused naming the rule.
     */
    public static void requireUsableOrAbsent(String tileId, String uri, GeoTransform transform) {
        if (!isMissing(transform)) {
            require(tileId, uri, transform);
        }
    }

    private static String describe(GeoTransform transform) {
        StringBuilder out = new StringBuilder("(");
        for (double c : transform.toGdal()) {
            out.append(out.length() > 1 ? ", " : "").append(c);
        }
        return out.append(')').toString();
    }
}
