package diffusionsat.inpaint;

import diffusionsat.io.TileException;
import diffusionsat.sampling.InvalidMetadataException;
import diffusionsat.sampling.SatelliteMetadata;
import diffusionsat.spark.TileRef;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A catalogue tile's 7 normalised model values (DIFFUSIONSAT.md §1.1) for an image made at
 * another size than the raster's: the GSD becomes that of the resized image, upstream's rule gsd ×
 * min(H, W) ÷ the model's side (the shorter edge is what the resize fits to the side).
 */
final class ModelMetadata {
    private static final Logger log = LoggerFactory.getLogger(ModelMetadata.class);
    /** Stand-ins for missing fields; their normalised values are replaced by 0. */
    private static final LocalDate ANY_DATE = LocalDate.of(2000, 1, 1);
    private static final int LON = 0;
    private static final int LAT = 1;
    private static final int GSD = 2;
    private static final int YEAR = 4;
    private static final int MONTH = 5;
    private static final int DAY = 6;

    private ModelMetadata() {}

    /**
     * @param tile the catalogue row
     * @param rasterWidth the tile's raster width in pixels
     * @param rasterHeight the tile's raster height in pixels
     * @param imageSide the side of the square image the model sees or makes
     * @param cloudCover the cloud cover to state (percent), or null for the catalogue's (0 where
     *     it has none, as upstream for datasets without one)
     * @param missing what a missing lon, lat, GSD or date does
     * @throws TileException when a field is missing under {@link MissingMetadata#FAIL}, or out of
     *     range
     */
    static float[] of(TileRef tile, int rasterWidth, int rasterHeight, int imageSide,
            Double cloudCover,
            MissingMetadata missing) {
        List<String> absent = new ArrayList<>();
        if (tile.lon() == null) {
            absent.add("lon");
        }
        if (tile.lat() == null) {
            absent.add("lat");
        }
        if (tile.gsd() == null) {
            absent.add("gsd");
        }
        if (tile.datetime() == null) {
            absent.add("datetime");
        }
        if (!absent.isEmpty() && missing == MissingMetadata.FAIL) {
            throw new TileException(tile.id(), "missing metadata: " + String.join(", ", absent)
                    + " (inpaint.missingMetadata: unconditional conditions on 0 instead)");
        }
        double cloud = cloudCover != null ? cloudCover
                : tile.cloudCover() != null ? tile.cloudCover() : 0;
        float[] values;
        try {
            values = new SatelliteMetadata(
                    tile.lon() == null ? 0 : tile.lon(),
                    tile.lat() == null ? 0 : tile.lat(),
                    tile.gsd() == null ? 1
                            : tile.gsd() * Math.min(rasterWidth, rasterHeight) / imageSide,
                    cloud,
                    tile.datetime() == null ? ANY_DATE
                            : tile.datetime().atZone(java.time.ZoneOffset.UTC).toLocalDate())
                    .normalized();
        } catch (InvalidMetadataException e) {
            throw new TileException(tile.id(), e.getMessage(), e);
        }
        if (!absent.isEmpty()) {
            log.warn("{}: no {} in the catalogue; the model gets 0 (a dropped field) for it",
                    tile.id(), String.join(", ", absent));
            zero(values, absent);
        }
        return values;
    }

    private static void zero(float[] values, List<String> absent) {
        for (String field : absent) {
            switch (field) {
                case "lon" -> values[LON] = 0;
                case "lat" -> values[LAT] = 0;
                case "gsd" -> values[GSD] = 0;
                default -> {
                    values[YEAR] = 0;
                    values[MONTH] = 0;
                    values[DAY] = 0;
                }
            }
        }
    }
}
