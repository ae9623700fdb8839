package diffusionsat.io.raster;

import java.io.Serializable;
import java.util.List;

/**
 * What a raster's header declares, read without touching a pixel: its size, band names (see
 * {@link BandNames#of}), georeference and the first band's nodata rule.
 *
 * @param crsWkt the CRS as WKT, empty when the file has none
 */
public record RasterHeader(int width, int height, List<String> bandNames,
        GeoTransform transform, String crsWkt, NoData noData) implements Serializable {

    public RasterHeader {
        bandNames = List.copyOf(bandNames);
    }

    /** This header with other band names. */
    public RasterHeader withBandNames(List<String> names) {
        return new RasterHeader(width, height, names, transform, crsWkt, noData);
    }

    /** The whole grid. */
    public RasterWindow extent() {
        return RasterWindow.of(width, height);
    }

    /** Declared pixels per band, in long (a header may declare more than an int holds). */
    public long pixels() {
        return (long) width * height;
    }

    /** The geotransform of {@code window}'s grid: the same pixel size, its corner as origin. */
    public GeoTransform transformOf(RasterWindow window) {
        return new GeoTransform(transform.x(window.x(), window.y()), transform.pixelWidth(),
                transform.rowRotation(), transform.y(window.x(), window.y()),
                transform.columnRotation(), transform.pixelHeight());
    }
}
