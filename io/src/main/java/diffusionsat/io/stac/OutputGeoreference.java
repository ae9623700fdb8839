package diffusionsat.io.stac;

import diffusionsat.io.catalog.Footprint;
import diffusionsat.io.raster.GdalDataset;
import diffusionsat.io.raster.GeoTransform;
import diffusionsat.io.storage.Storage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;
import org.gdal.gdal.Dataset;

/**
 * Where a published output lies, read from its own header, so the Item describes the file as
 * written: the STAC projection extension's fields and the WGS84 footprint.
 *
 * @param epsg the CRS's EPSG code, or null for a CRS without one ({@code proj:wkt2} then)
 * @param transform GDAL's geotransform reordered as {@code proj:transform}: a, b, c, d, e, f
 * @param projBbox extent in the output's CRS: minX, minY, maxX, maxY
 * @param bbox the footprint's minLon, minLat, maxLon, maxLat
 * @param ring the footprint polygon's closed ring, lon/lat, counter-clockwise
 */
public record OutputGeoreference(Integer epsg, String wkt2, int width, int height,
        double[] transform, double[] projBbox, double[] bbox, double[][] ring) {

    /** The header of the output at {@code uri}; empty for a file without a CRS (a PNG). */
    public static Optional<OutputGeoreference> read(String id, String uri, Storage storage) {
        try (GdalDataset opened = GdalDataset.open(id, uri, storage)) {
            Dataset dataset = opened.dataset();
            String wkt = dataset.GetProjectionRef();
            if (wkt == null || wkt.isBlank()) {
                return Optional.empty();
            }
            double[] gt = dataset.GetGeoTransform();
            int width = dataset.GetRasterXSize();
            int height = dataset.GetRasterYSize();
            Footprint footprint = Footprint.of(id, wkt, GeoTransform.fromGdal(gt), width, height);
            return Optional.of(new OutputGeoreference(footprint.epsg(), footprint.crsWkt2(),
                    width, height, new double[] {gt[1], gt[2], gt[0], gt[4], gt[5], gt[3]},
                    footprint.bbox(), footprint.lonLatBounds(), ring(footprint.footprintWkb())));
        }
    }

    /** The ring of {@link Footprint}'s ISO WKB polygon (one ring, little-endian). */
    private static double[][] ring(byte[] wkb) {
        ByteBuffer in = ByteBuffer.wrap(wkb).order(ByteOrder.LITTLE_ENDIAN);
        in.position(1 + 4 + 4);                                // byte order, type, ring count
        double[][] points = new double[in.getInt()][];
        for (int i = 0; i < points.length; i++) {
            points[i] = new double[] {in.getDouble(), in.getDouble()};
        }
        return points;
    }
}
