package diffusionsat.io.raster;

import org.gdal.osr.CoordinateTransformation;
import org.gdal.osr.SpatialReference;
import org.gdal.osr.osr;
import org.gdal.osr.osrConstants;

/**
 * A north-up pixel grid in the WGS84 UTM zone of a point, centred on it: where an image made from
 * metadata alone (lon, lat, GSD) is written, so that it opens in place in any GIS.
 *
 * @param transform square pixels of the given GSD in metres
 * @param crsWkt the UTM zone's CRS (EPSG 326xx north, 327xx south)
 */
public record UtmGrid(GeoTransform transform, String crsWkt) {

    /**
     * The grid of a {@code width × height} image of {@code gsd} metres per pixel centred on
     * ({@code lon}, {@code lat}).
     */
    public static UtmGrid centredOn(double lon, double lat, double gsd, int width, int height) {
        Gdal.ensureRegistered();
        int zone = Math.min(60, (int) Math.floor((lon + 180) / 6) + 1);
        int epsg = (lat >= 0 ? 32600 : 32700) + zone;
        SpatialReference wgs84 = new SpatialReference();
        SpatialReference utm = new SpatialReference();
        CoordinateTransformation toUtm = null;
        try {
            wgs84.ImportFromEPSG(4326);
            // Longitude first, whatever EPSG:4326's official axis order says.
            wgs84.SetAxisMappingStrategy(osrConstants.OAMS_TRADITIONAL_GIS_ORDER);
            utm.ImportFromEPSG(epsg);
            utm.SetAxisMappingStrategy(osrConstants.OAMS_TRADITIONAL_GIS_ORDER);
            toUtm = osr.CreateCoordinateTransformation(wgs84, utm);
            double[] centre = toUtm.TransformPoint(lon, lat);
            return new UtmGrid(new GeoTransform(centre[0] - width * gsd / 2, gsd, 0,
                    centre[1] + height * gsd / 2, 0, -gsd), utm.ExportToWkt());
        } finally {
            if (toUtm != null) {
                toUtm.delete();
            }
            utm.delete();
            wgs84.delete();
        }
    }
}
