package diffusionsat.io.catalog;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * The GeoParquet 1.1 file metadata (footer key {@value #KEY}) of a catalogue file: the
 * geometry column is WKB polygons in lon/lat. {@code crs} is left out on purpose: an absent
 * {@code crs} means OGC:CRS84 (WGS84, longitude first), which is exactly what the footprints are,
 * whereas a JSON null would mean "unknown".
 */
final class GeoParquetMetadata {
    /** The footer key GeoParquet readers look for. */
    static final String KEY = "geo";

    private static final ObjectMapper JSON = new ObjectMapper();

    private GeoParquetMetadata() {}

    /** The metadata JSON for a file holding these tiles, with their lon/lat bounding box. */
    static String json(List<TileRecord> tiles) {
        ObjectNode geometry = JSON.createObjectNode();
        geometry.put("encoding", "WKB");
        geometry.putArray("geometry_types").add("Polygon");
        List<byte[]> footprints = tiles.stream().map(TileRecord::geometryWkb)
                .filter(java.util.Objects::nonNull).toList();
        if (!footprints.isEmpty()) {
            double[] box = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE,
                -Double.MAX_VALUE};
            footprints.forEach(wkb -> extendByWkb(box, wkb));
            ArrayNode bbox = geometry.putArray("bbox");
            for (double value : box) {
                bbox.add(value);
            }
        }
        ObjectNode root = JSON.createObjectNode();
        root.put("version", "1.1.0");
        root.put("primary_column", CatalogColumns.GEOMETRY);
        root.putObject("columns").set(CatalogColumns.GEOMETRY, geometry);
        return root.toString();
    }

    /** Grows {@code box} by every point of a WKB polygon (either byte order). */
    static void extendByWkb(double[] box, byte[] wkb) {
        ByteBuffer in = ByteBuffer.wrap(wkb);
        in.order(in.get() == 0 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        int type = in.getInt();
        if (type != 3) {
            throw new IllegalArgumentException("footprint WKB is type " + type + ", not Polygon");
        }
        int rings = in.getInt();
        for (int r = 0; r < rings; r++) {
            int points = in.getInt();
            for (int p = 0; p < points; p++) {
                double x = in.getDouble();
                double y = in.getDouble();
                box[0] = Math.min(box[0], x);
                box[1] = Math.min(box[1], y);
                box[2] = Math.max(box[2], x);
                box[3] = Math.max(box[3], y);
            }
        }
    }
}
