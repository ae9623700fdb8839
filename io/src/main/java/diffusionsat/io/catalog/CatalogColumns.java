package diffusionsat.io.catalog;

/**
 * Column names of the tile catalogue (DESIGN.md §2, STAC names where they exist). Spark reads
 * the names containing {@code :} as they are with {@code functions.col(...)}; in SQL text they
 * need back-quotes ({@code `eo:cloud_cover`}).
 */
public final class CatalogColumns {
    private CatalogColumns() {}

    /** string, unique tile id, only {@code [A-Za-z0-9._-]}. */
    public static final String ID = "id";
    /** string, e.g. {@code sentinel-2-l1c}, {@code rgb}. */
    public static final String COLLECTION = "collection";
    /** string, nullable: same place over time. */
    public static final String SEQUENCE_ID = "sequence_id";
    /** timestamp (UTC), nullable: acquisition time. */
    public static final String DATETIME = "datetime";
    /** int, nullable: acquisition year (UTC), for partitioning and pruning. */
    public static final String YEAR = "year";
    /** string: raster URI (absolute, or relative to the catalogue). */
    public static final String HREF = "href";
    /** string, nullable: ground truth for evaluation. */
    public static final String TARGET_HREF = "target_href";
    /** list&lt;string&gt;: band names in file order. */
    public static final String BANDS = "bands";
    /** double: metres per pixel. */
    public static final String GSD = "gsd";
    /** double, nullable: cloud cover in percent 0..100. */
    public static final String CLOUD_COVER = "eo:cloud_cover";
    /** double: footprint centroid longitude, WGS84. */
    public static final String LON = "lon";
    /** double: footprint centroid latitude, WGS84. */
    public static final String LAT = "lat";
    /** int, nullable: EPSG code of the raster's CRS. */
    public static final String EPSG = "proj:epsg";
    /** list&lt;double&gt;: extent in the raster's CRS (minX, minY, maxX, maxY). */
    public static final String BBOX = "bbox";
    /** binary: WKB footprint polygon in EPSG:4326, lon/lat order (GeoParquet 1.1). */
    public static final String GEOMETRY = "geometry";
    /** string, nullable: text prompt. */
    public static final String CAPTION = "caption";
    /** string, nullable: cloud or damage mask URI. */
    public static final String MASK_HREF = "mask_href";
    /** int: raster width in pixels. */
    public static final String WIDTH = "width";
    /** int: raster height in pixels. */
    public static final String HEIGHT = "height";
    /** string: the raster's CRS as WKT2. */
    public static final String CRS_WKT = "proj:wkt2";
    /**
     * list&lt;double&gt;: STAC order {@code a, b, c, d, e, f} (x = a·col + b·row + c, y = d·col
     * + e·row + f), not GDAL's; convert with {@code GeoTransform.fromStac}.
     */
    public static final String TRANSFORM = "proj:transform";

    /**
     * string, nullable: how the href's values are stored ({@code reflectance}, {@code
     * digital-numbers}, {@code digital-numbers-offset-1000}); null: {@code io.radiometry}.
     */
    public static final String RADIOMETRY = "radiometry";
}
