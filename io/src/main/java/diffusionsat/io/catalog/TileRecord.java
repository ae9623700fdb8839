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
 * @param gsd metres per pixel, nullable for an image without georeference or sidecar GSD
 * @param cloudCover percent 0..100, nullable
 * @param lon footprint centroid longitude, WGS84; nullable (an image without georeference)
 * @param lat footprint centroid latitude, WGS84; nullable likewise
 * @param epsg EPSG code of the raster's CRS, nullable when it has none
 * @param bbox extent in the raster's CRS: minX, minY, maxX, maxY; nullable without a CRS
 * @param geometryWkb footprint polygon in EPSG:4326 (lon, lat order), WKB; nullable without a
 *     CRS (a pixel-only image, e.g. a PNG chip of an evaluation pair)
 * @param caption text prompt, nullable
 * @param maskHref cloud or damage mask URI, nullable
 * @param crsWkt the raster's CRS as WKT2, nullable without one
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
        Double gsd,
        Double cloudCover,
        Double lon,
        Double lat,
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
        if (collection == null || href == null) {
            throw new IllegalArgumentException("tile " + id + ": collection and href are required");
        }
        if ((crsWkt == null) != (geometryWkb == null) || (crsWkt == null) != (bbox == null)) {
            throw new IllegalArgumentException("tile " + id
                    + ": CRS, geometry and bbox come together, or none (no georeference)");
        }
        if ((bbox != null && bbox.length != 4) || geoTransform == null
                || geoTransform.length != 6) {
            throw new IllegalArgumentException("tile " + id
                    + ": bbox has 4 values and geoTransform 6");
        }
        bands = List.copyOf(bands);
    }

    /** This tile with {@code targetHref} as its ground truth. */
    public TileRecord withTargetHref(String href) {
        return new TileRecord(id, collection, sequenceId, datetime, this.href, href, bands, gsd,
                cloudCover, lon, lat, epsg, bbox, geometryWkb, caption, maskHref, width, height,
                crsWkt, geoTransform, radiometry);
    }

    /** This tile with {@code maskHref} as its mask. */
    public TileRecord withMaskHref(String href) {
        return new TileRecord(id, collection, sequenceId, datetime, this.href, targetHref, bands,
                gsd, cloudCover, lon, lat, epsg, bbox, geometryWkb, caption, href, width, height,
                crsWkt, geoTransform, radiometry);
    }

    /** A row that does not state its radiometry. */
    public TileRecord(String id, String collection, String sequenceId, Instant datetime,
            String href, String targetHref, List<String> bands, Double gsd, Double cloudCover,
            Double lon, Double lat, Integer epsg, double[] bbox, byte[] geometryWkb,
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
