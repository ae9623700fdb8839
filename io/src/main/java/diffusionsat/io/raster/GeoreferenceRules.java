package diffusionsat.io.raster;

import diffusionsat.io.TileException;
import java.util.Locale;
import java.util.Optional;

/**
 * What a raster's geotransform must be before the catalogue places it or a job writes an output
 * on its grid (README "Georeference"):
 *
 * <ul>
 *   <li>present: GDAL reports (0, 1, 0, 0, 0, 1) for a file without one, which is no position;
 *   <li>finite, with pixels of non-zero size;
 *   <li>not sheared: the pixel axes perpendicular (within 0.1 %);
 *   <li>square pixels (edges equal within 0.1 %): the model takes one GSD.
 * </ul>
 *
 * A rotated grid (perpendicular axes, square pixels) is accepted: outputs keep the rotation
 * ({@link GeoTransform#scaled} refines it), and the model gets the centre's lon/lat and the
 * pixel's edge length, as for a north-up grid.
 */
public final class GeoreferenceRules {
    private static final double TOLERANCE = 1e-3;
    private static final GeoTransform GDAL_DEFAULT = new GeoTransform(0, 1, 0, 0, 0, 1);

    private GeoreferenceRules() {}

    /** The first rule {@code transform} breaks, or empty when it is usable. */
    public static Optional<String> problem(GeoTransform transform) {
        if (transform.equals(GDAL_DEFAULT)) {
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
        if (Math.abs(cosine) > TOLERANCE) {
            return Optional.of("has a sheared geotransform " + describe(transform)
                    + ": its pixel axes are not perpendicular");
        }
        if (Math.abs(sizeX - sizeY) > TOLERANCE * Math.max(sizeX, sizeY)) {
            return Optional.of(String.format(Locale.ROOT, "has non-square pixels (%s x %s CRS"
                    + " units): one GSD cannot describe them", sizeX, sizeY));
        }
        return Optional.empty();
    }

    /** A {@link TileException} naming the tile, the file and the broken rule, if any. */
    public static void require(String tileId, String uri, GeoTransform transform) {
        problem(transform).ifPresent(problem -> {
            throw new TileException(tileId, uri + " " + problem);
        });
    }

    private static String describe(GeoTransform transform) {
        StringBuilder out = new StringBuilder("(");
        for (double c : transform.toGdal()) {
            out.append(out.length() > 1 ? ", " : "").append(c);
        }
        return out.append(')').toString();
    }
}
