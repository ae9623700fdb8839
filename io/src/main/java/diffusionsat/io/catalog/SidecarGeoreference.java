package diffusionsat.io.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import diffusionsat.io.TileException;
import diffusionsat.io.raster.GeoTransform;
import java.io.IOException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gdal.osr.SpatialReference;

/**
 * Where an image without a georeference of its own (an fMoW-RGB JPEG, a PNG) lies, from its
 * fMoW-style JSON sidecar. In order of preference:
 *
 * <ol>
 *   <li>{@code x_crs} (e.g. {@code "EPSG:32633"}) and {@code x_geotransform} (GDAL order), as the
 *       shared data's sidecars give them: exact;
 *   <li>fMoW's {@code bounding_boxes[0]}: {@code raw_location} (a WKT polygon in lon/lat, what
 *       upstream's metadata CSV holds as {@code polygon}) and {@code box} ({@code [x, y, width,
 *       height]} in pixels of the image): a north-up EPSG:4326 geotransform through both.
 * </ol>
 *
 * @param crsWkt the CRS as WKT
 * @param transform the image's geotransform in that CRS
 */
record SidecarGeoreference(String crsWkt, GeoTransform transform) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?");

    /** The georeference the sidecar gives, if any. */
    static Optional<SidecarGeoreference> of(String tileId, String uri, byte[] json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            return Optional.empty(); // Sidecar.parse reports malformed JSON with the tile
        }
        if (root == null || !root.isObject()) {
            return Optional.empty();
        }
        JsonNode crs = root.path("x_crs");
        JsonNode gt = root.path("x_geotransform");
        if (crs.isTextual() && gt.isArray() && gt.size() == 6) {
            double[] values = new double[6];
            for (int i = 0; i < 6; i++) {
                values[i] = gt.get(i).asDouble();
            }
            return Optional.of(new SidecarGeoreference(wkt(tileId, uri, crs.asText()),
                    GeoTransform.fromGdal(values)));
        }
        JsonNode first = root.path("bounding_boxes").path(0);
        JsonNode box = first.path("box");
        JsonNode location = first.path("raw_location");
        if (location.isTextual() && box.isArray() && box.size() == 4
                && box.get(2).asDouble() > 0 && box.get(3).asDouble() > 0) {
            double[] bounds = lonLatBounds(tileId, uri, location.asText());
            double pixelX = (bounds[2] - bounds[0]) / box.get(2).asDouble();
            double pixelY = (bounds[3] - bounds[1]) / box.get(3).asDouble();
            GeoTransform transform = GeoTransform.fromGdal(new double[] {
                bounds[0] - box.get(0).asDouble() * pixelX, pixelX, 0,
                bounds[3] + box.get(1).asDouble() * pixelY, 0, -pixelY});
            return Optional.of(new SidecarGeoreference(wkt(tileId, uri, "EPSG:4326"), transform));
        }
        return Optional.empty();
    }

    private static String wkt(String tileId, String uri, String definition) {
        SpatialReference crs = new SpatialReference();
        try {
            if (crs.SetFromUserInput(definition) != 0) {
                throw new TileException(tileId, "sidecar " + uri + ": unknown CRS " + definition);
            }
            return crs.ExportToWkt();
        } catch (RuntimeException e) {
            throw new TileException(tileId, "sidecar " + uri + ": unknown CRS " + definition, e);
        } finally {
            crs.delete();
        }
    }

    /** minLon, minLat, maxLon, maxLat of a WKT polygon's coordinates. */
    private static double[] lonLatBounds(String tileId, String uri, String wkt) {
        double[] bounds = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE,
            -Double.MAX_VALUE};
        Matcher numbers = NUMBER.matcher(wkt);
        int count = 0;
        while (numbers.find()) {
            double value = Double.parseDouble(numbers.group());
            int axis = count++ % 2;
            bounds[axis] = Math.min(bounds[axis], value);
            bounds[axis + 2] = Math.max(bounds[axis + 2], value);
        }
        if (count < 6 || count % 2 != 0 || !(bounds[2] > bounds[0]) || !(bounds[3] > bounds[1])) {
            throw new TileException(tileId, "sidecar " + uri + ": raw_location is not a lon/lat"
                    + " polygon: " + wkt);
        }
        return bounds;
    }
}
