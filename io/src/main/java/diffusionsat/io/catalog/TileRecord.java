package diffusionsat.io.catalog;

import java.io.Serializable;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One catalogue row (DESIGN.md §2); {@link CatalogColumns} gives each field's column name. Arrays
 * are shared, not copied.
 *
 * @param id unique tile id, only {@code [A-Za-z0-9._-]}
 * @param sequenceId same place over time, nullable
 * @param datetime acquisition time (UTC), nullable: a job fails the tile without it
 * @param href raster URI
 * @param targetHref ground truth for evaluation, nullable
 * @param bands band names in file order
 * @param gsd metres per pixel
 * @param cloudCover percent 0..100, nullable
 * @param lon footprint centroid longitude, WGS84
 * @param lat footprint centroid latitude, WGS84
 * @param epsg EPSG code of the raster's CRS, nullable when it has none
 * @param bbox extent in the raster's CRS: minX, minY, maxX, maxY
 * @param geometryWkb footprint polygon in EPSG:4326 (lon, lat order), WKB
 * @param caption text prompt, nullable
 * @param maskHref cloud or damage mask URI, nullable
 * @param crsWkt the raster's CRS as WKT2
 * @param geoTransform GDAL order (origin x, pixel width, row rotation, origin y, column
 *     rotation, pixel height); the {@code proj:transform} column holds STAC order
 * @param radiometry how the href's values are stored ({@code Radiometry} in kebab case), null
 *     when the raster does not say: jobs then use {@code io.radiometry}
 */
public record TileRecord(
        String id,
        String collection,
        String sequenceId,
        Instant datetime,
        String href,
        String targetHref,
        List<String> bands,
        double gsd,
        Double cloudCover,
        double lon,
        double lat,
        Integer epsg,
        double[] bbox,
        byte[] geometryWkb,
        String caption,
        String maskHref,
        int width,
        int height,
        String crsWkt,
        double[] geoTransform,
        String radiometry)
        implements Serializable {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]+");

    public TileRecord {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("tile id must be [A-Za-z0-9._-]+: " + id);
        }
        if (collection == null || href == null || geometryWkb == null || crsWkt == null) {
            throw new IllegalArgumentException("tile " + id
                    + ": collection, href, geometry and CRS are required");
        }
        if (bbox == null || bbox.length != 4 || geoTransform == null || geoTransform.length != 6) {
            throw new IllegalArgumentException("tile " + id
                    + ": bbox has 4 values and geoTransform 6");
        }
        bands = List.copyOf(bands);
    }

    /** A row that does not state its radiometry. */
    public TileRecord(String id, String collection, String sequenceId, Instant datetime,
            String href, String targetHref, List<String> bands, double gsd, Double cloudCover,
            double lon, double lat, Integer epsg, double[] bbox, byte[] geometryWkb,
            String caption, String maskHref, int width, int height, String crsWkt,
            double[] geoTransform) {
        this(id, collection, sequenceId, datetime, href, targetHref, bands, gsd, cloudCover, lon,
                lat, epsg, bbox, geometryWkb, caption, maskHref, width, height, crsWkt,
                geoTransform, null);
    }

    /** Acquisition year (UTC), or null without a datetime; the {@code year} column. */
    public Integer year() {
        return datetime == null ? null : datetime.atZone(ZoneOffset.UTC).getYear();
    }
}
