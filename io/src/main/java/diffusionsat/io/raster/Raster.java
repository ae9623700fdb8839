package diffusionsat.io.raster;

import java.io.Serializable;
import java.util.List;

/**
 * Pixels with their georeference and nodata rule (STYLE.md §3.9): {@code bands[b]} is band b as a
 * row-major float plane of {@code height × width} values, named {@code bandNames.get(b)}. The
 * arrays are shared, not copied: treat them as read-only.
 *
 * @param crsWkt the CRS as WKT, empty when the file has none
 */
public record Raster(
        int width,
        int height,
        List<String> bandNames,
        float[][] bands,
        GeoTransform transform,
        String crsWkt,
        NoData noData)
        implements Serializable {

    public Raster {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("raster size must be positive: " + width + "x"
                    + height);
        }
        bandNames = List.copyOf(bandNames);
        if (bands.length != bandNames.size()) {
            throw new IllegalArgumentException(bands.length + " bands but " + bandNames.size()
                    + " band names");
        }
        for (int b = 0; b < bands.length; b++) {
            if (bands[b].length != width * height) {
                throw new IllegalArgumentException("band " + bandNames.get(b) + " has "
                        + bands[b].length + " values, expected " + width + "x" + height);
            }
        }
        if (crsWkt == null || transform == null || noData == null) {
            throw new IllegalArgumentException("CRS, transform and nodata rule are required");
        }
    }

    /** Number of bands. */
    public int bandCount() {
        return bands.length;
    }

    /** The plane of the band with this exact name; {@code IllegalArgumentException} if absent. */
    public float[] band(String name) {
        int index = bandNames.indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException("no band " + name + " in " + bandNames);
        }
        return bands[index];
    }

    /**
     * Row-major {@code height × width} mask, true where any band's pixel is missing (the nodata
     * value or NaN): models get it beside the normalised pixels.
     */
    public boolean[] missingMask() {
        boolean[] missing = new boolean[width * height];
        for (float[] band : bands) {
            for (int i = 0; i < missing.length; i++) {
                missing[i] |= noData.isMissing(band[i]);
            }
        }
        return missing;
    }

    /**
     * Returns this raster if at most {@code maxMissingFraction} of its pixels are missing (the
     * {@code io.maxNoDataFraction} rule, STYLE.md §3.9); else a {@link NoDataCoverageException}.
     */
    public Raster requireCoverage(String tileId, double maxMissingFraction) {
        double missing = missingFraction();
        if (missing > maxMissingFraction) {
            throw new NoDataCoverageException(tileId, missing, maxMissingFraction);
        }
        return this;
    }

    /** Fraction of pixels that {@link #missingMask()} marks, 0..1. */
    public double missingFraction() {
        int count = 0;
        for (boolean m : missingMask()) {
            count += m ? 1 : 0;
        }
        return count / (double) (width * height);
    }
}
