package diffusionsat.io.raster;

import org.gdal.osr.CoordinateTransformation;
import org.gdal.osr.SpatialReference;
import org.gdal.osr.osr;
import org.gdal.osr.osrConstants;

/**
 * Where the centre of a pixel grid lies on the globe: (lon, lat) in EPSG:4326, by OSR from the
 * grid's CRS, as the catalogue computes a tile's centroid.
 */
public final class GridCentre {
    private GridCentre() {}

    /**
     * The centre of {@code grid} as {lon, lat} in degrees.
     *
     * @throws IllegalArgumentException when the grid has no CRS or OSR cannot transform it
     */
    public static double[] lonLat(PixelGrid grid) {
        if (grid.crsWkt() == null || grid.crsWkt().isBlank()) {
            throw new IllegalArgumentException("the grid has no CRS, so its position is unknown");
        }
        Gdal.ensureRegistered();
        SpatialReference crs = new SpatialReference(grid.crsWkt());
        SpatialReference wgs84 = new SpatialReference();
        CoordinateTransformation toWgs84 = null;
        try {
            crs.SetAxisMappingStrategy(osrConstants.OAMS_TRADITIONAL_GIS_ORDER);
            wgs84.ImportFromEPSG(4326);
            wgs84.SetAxisMappingStrategy(osrConstants.OAMS_TRADITIONAL_GIS_ORDER); // lon first
            toWgs84 = osr.CreateCoordinateTransformation(crs, wgs84);
            GeoTransform t = grid.transform();
            double column = grid.width() / 2.0;
            double row = grid.height() / 2.0;
            double[] point = toWgs84.TransformPoint(t.x(column, row), t.y(column, row));
            return new double[] {point[0], point[1]};
        } finally {
            if (toWgs84 != null) {
                toWgs84.delete();
            }
            wgs84.delete();
            crs.delete();
        }
    }
}
