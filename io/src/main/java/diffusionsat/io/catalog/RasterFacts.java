package diffusionsat.io.catalog;

import diffusionsat.io.TileException;
import diffusionsat.io.raster.BandNames;
import diffusionsat.io.raster.Radiometry;
import java.util.List;
import java.util.Map;

/**
 * A GeoTIFF's band names and radiometry as the catalogue records them. Bands are named by the
 * file (descriptions, or R, G, B) or, for a file that names none, by its collection's {@code
 * catalog.collections} entry; otherwise the file is rejected: a band is never named by its
 * position. The radiometry comes from the collection's entry, else from the bands' GDAL scale
 * and offset (reflectance = value × scale + offset: 0.0001 and 0 are digital numbers, 0.0001 and
 * −0.1 digital numbers with baseline 04.00's offset; any other rule is refused), else from a
 * processing-baseline tag ({@code PROCESSING_BASELINE}, {@code s2:processing_baseline}) of an
 * integer file, else the row leaves it to {@code io.radiometry}.
 *
 * @param radiometry a {@link Radiometry#key()}, or null
 */
record RasterFacts(List<String> bands, String radiometry) {
    private static final List<String> BASELINE_TAGS = List.of("PROCESSING_BASELINE",
            "s2:processing_baseline", "processing_baseline");

    /**
     * @param scaling the bands' GDAL scale and offset where they set one other than (1, 0),
     *     null where none does; bands that disagree are a {@link TileException} of the caller
     */
    static RasterFacts of(String tileId, List<String> fileBands, Map<String, String> tags,
            boolean integerPixels, double[] scaling, String collection,
            CollectionProfile profile) {
        List<String> bands = fileBands;
        if (BandNames.allUnnamed(fileBands)) {
            if (profile == null || profile.bands().isEmpty()) {
                throw new TileException(tileId, "no band names: the file's " + fileBands.size()
                        + " bands have no descriptions, and bands are never named by position; "
                        + "set the band descriptions, or name the band order of collection "
                        + (collection == null ? "(pass --collection)" : collection)
                        + " in catalog.collections");
            }
            if (profile.bands().size() != fileBands.size()) {
                throw new TileException(tileId, "catalog.collections names "
                        + profile.bands().size() + " bands " + profile.bands() + " for collection "
                        + collection + ", the file has " + fileBands.size());
            }
            bands = profile.bands();
        }
        if (profile != null && profile.radiometry() != null) {
            return new RasterFacts(bands, profile.radiometry().key());
        }
        if (scaling != null) {
            return new RasterFacts(bands, ofScaling(tileId, scaling[0], scaling[1]).key());
        }
        return new RasterFacts(bands, integerPixels ? baseline(tags) : null);
    }

    /** The radiometry whose rule GDAL's band scale and offset state. */
    private static Radiometry ofScaling(String tileId, double scale, double offset) {
        for (Radiometry radiometry : Radiometry.values()) {
            // reflectance of DN 10000 and of DN 0 under both rules: equal within 1e-9
            if (Math.abs(radiometry.toDigitalNumber(10000f) / 10000 - (10000 * scale + offset))
                    < 1e-9 && Math.abs(radiometry.toDigitalNumber(0f) / 10000 - offset) < 1e-9) {
                return radiometry;
            }
        }
        throw new TileException(tileId, "its bands' GDAL scale " + scale + " and offset "
                + offset + " (reflectance = value x scale + offset) match no io.radiometry"
                + " (scale 0.0001 with offset 0 or -0.1); name the collection's radiometry in"
                + " catalog.collections");
    }

    private static String baseline(Map<String, String> tags) {
        for (String tag : BASELINE_TAGS) {
            String value = tags.get(tag);
            if (value != null) {
                try {
                    return (Double.parseDouble(value.trim()) >= 4.0
                            ? Radiometry.DIGITAL_NUMBERS_OFFSET_1000
                            : Radiometry.DIGITAL_NUMBERS).key();
                } catch (NumberFormatException notANumber) {
                    return null;
                }
            }
        }
        return null;
    }
}
