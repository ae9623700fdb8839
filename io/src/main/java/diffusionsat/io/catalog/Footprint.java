package diffusionsat.io.catalog;

import diffusionsat.io.TileException;
import diffusionsat.io.raster.GeoTransform;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Vector;
import org.gdal.osr.CoordinateTransformation;
import org.gdal.osr.SpatialReference;
import org.gdal.osr.osr;
import org.gdal.osr.osrConstants;

/**
 * Where a raster lies: its CRS facts, extent, WGS84 footprint and centroid, and ground sample
 * distance, derived with OSR from its CRS and geotransform.
 *
 * @param bbox extent in the raster's CRS: minX, minY, maxX, maxY
 * @param footprintWkb polygon of the 4 corners in EPSG:4326, lon/lat order, counter-clockwise
 * @param lonLatBounds the footprint's minLon, minLat, maxLon, maxLat
 * @param gsd metres per pixel: the mean of the two pixel edge lengths
 */
public record Footprint(
        Integer epsg,
        String crsWkt2,
        double[] bbox,
        byte[] footprintWkb,
        double[] lonLatBounds,
        double lon,
        double lat,
        double gsd) {

    private static final int WKB_POLYGON = 3;
    private static final double[][] CORNERS = {{0, 0}, {0, 1}, {1, 1}, {1, 0}};

    /** The footprint of a {@code width × height} raster; a TileException if it has no CRS. */
    public static Footprint of(String tileId, String crsWkt, GeoTransform transform, int width,
            int height) {
        if (crsWkt == null || crsWkt.isBlank()) {
            throw new TileException(tileId, "the raster has no CRS, so its position is unknown");
        }
        SpatialReference crs = new SpatialReference(crsWkt);
        SpatialReference wgs84 = new SpatialReference();
        CoordinateTransformation toWgs84 = null;
        try {
            crs.SetAxisMappingStrategy(osrConstants.OAMS_TRADITIONAL_GIS_ORDER);
            wgs84.ImportFromEPSG(4326);
            // Longitude first, whatever EPSG:4326's official axis order says.
            wgs84.SetAxisMappingStrategy(osrConstants.OAMS_TRADITIONAL_GIS_ORDER);
            toWgs84 = osr.CreateCoordinateTransformation(crs, wgs84);

            double[] bbox = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE,
                -Double.MAX_VALUE};
            double[] bounds = bbox.clone();
            double[][] ring = new double[CORNERS.length + 1][];
            for (int c = 0; c < CORNERS.length; c++) {
                double x = transform.x(CORNERS[c][0] * width, CORNERS[c][1] * height);
                double y = transform.y(CORNERS[c][0] * width, CORNERS[c][1] * height);
                extend(bbox, x, y);
                ring[c] = toWgs84.TransformPoint(x, y);
                extend(bounds, ring[c][0], ring[c][1]);
            }
            ring[CORNERS.length] = ring[0];
            double[] centre = toWgs84.TransformPoint(transform.x(width / 2.0, height / 2.0),
                    transform.y(width / 2.0, height / 2.0));
            for (double[] point : List.of(ring[0], ring[1], ring[2], ring[3], centre)) {
                if (!Double.isFinite(point[0]) || !Double.isFinite(point[1])) {
                    throw new TileException(tileId, "cannot place the raster on the globe: a"
                            + " corner or its centre maps to (" + point[0] + ", " + point[1]
                            + ")");
                }
            }
            return new Footprint(epsg(crs), wkt2(crs), bbox, polygonWkb(counterClockwise(ring)),
                    bounds, centre[0], centre[1], gsd(crs, transform, centre[1]));
        } catch (TileException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new TileException(tileId, "cannot place the raster on the globe: "
                    + e.getMessage(), e);
        } finally {
            if (toWgs84 != null) {
                toWgs84.delete();
            }
            wgs84.delete();
            crs.delete();
        }
    }

    private static Integer epsg(SpatialReference crs) {
        if (!"EPSG".equals(crs.GetAuthorityName(null))) {
            try {
                crs.AutoIdentifyEPSG();
            } catch (RuntimeException e) {
                return null; // a CRS without an EPSG equivalent: the WKT still describes it
            }
        }
        String code = crs.GetAuthorityCode(null);
        return "EPSG".equals(crs.GetAuthorityName(null)) && code != null
                ? Integer.valueOf(code) : null;
    }

    private static String wkt2(SpatialReference crs) {
        String[] wkt = new String[1];
        Vector<String> options = new Vector<>();
        options.add("FORMAT=WKT2_2019");
        crs.ExportToWkt(wkt, options);
        return wkt[0];
    }

    private static double gsd(SpatialReference crs, GeoTransform transform, double latitude) {
        double sizeX = transform.pixelSizeX();
        double sizeY = transform.pixelSizeY();
        if (crs.IsGeographic() == 1) {
            // Degrees to metres on the ellipsoid's equatorial sphere: a degree of latitude is
            // a·π/180, a degree of longitude that times cos(latitude).
            double metresPerDegree = crs.GetSemiMajor() * Math.PI / 180.0;
            sizeX *= metresPerDegree * Math.cos(Math.toRadians(latitude));
            sizeY *= metresPerDegree;
        } else {
            sizeX *= crs.GetLinearUnits();
            sizeY *= crs.GetLinearUnits();
        }
        return (sizeX + sizeY) / 2.0;
    }

    private static void extend(double[] box, double x, double y) {
        box[0] = Math.min(box[0], x);
        box[1] = Math.min(box[1], y);
        box[2] = Math.max(box[2], x);
        box[3] = Math.max(box[3], y);
    }

    private static double[][] counterClockwise(double[][] ring) {
        double twiceArea = 0;
        for (int i = 0; i + 1 < ring.length; i++) {
            twiceArea += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
        }
        if (twiceArea >= 0) {
            return ring;
        }
        double[][] reversed = new double[ring.length][];
        for (int i = 0; i < ring.length; i++) {
            reversed[i] = ring[ring.length - 1 - i];
        }
        return reversed;
    }

    /** ISO WKB, little-endian: one polygon with one closed ring. */
    private static byte[] polygonWkb(double[][] ring) {
        ByteBuffer wkb = ByteBuffer.allocate(1 + 4 + 4 + 4 + ring.length * 16)
                .order(ByteOrder.LITTLE_ENDIAN);
        wkb.put((byte) 1).putInt(WKB_POLYGON).putInt(1).putInt(ring.length);
        for (double[] point : ring) {
            wkb.putDouble(point[0]).putDouble(point[1]);
        }
        return wkb.array();
    }
}
