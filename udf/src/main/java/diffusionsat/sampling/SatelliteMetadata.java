package diffusionsat.sampling;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The seven metadata values DiffusionSat conditions on, as a catalogue gives them (DIFFUSIONSAT.md
 * §1.1), and their normalisation ({@code metadata_normalize} of upstream data_util.py, after the
 * dataset functions' offsets): lon+180 ÷ 360, lat+90 ÷ 180, GSD ÷ 1, cloud fraction, year−1980 ÷
 * 120, month ÷ 12, day ÷ 31, each × 1000, computed in double and rounded to float32 as upstream.
 * Values are not clipped: a GSD above 1 m gives more than 1000, as in training.
 *
 * <p>The model never sees "missing" as anything but 0 (the unconditional value), so every field is
 * required and range-checked here, naming the field (DESIGN.md §2).
 *
 * @param lon longitude in degrees, WGS84, [−180, 180]
 * @param lat latitude in degrees, WGS84, [−90, 90]
 * @param gsd metres per pixel of the image the model makes (the effective GSD after resizing to
 *     the model's resolution), finite and &gt; 0
 * @param cloudCoverPercent cloud cover in percent, [0, 100] (0 for sources without one)
 * @param date acquisition date (UTC), years 1980..2100 (the normalisation maps 120 years to 1000)
 */
public record SatelliteMetadata(double lon, double lat, double gsd, double cloudCoverPercent,
        LocalDate date) {
    /** The number of values the model takes. */
    public static final int SIZE = 7;
    private static final double SCALE = 1000;
    private static final double BASE_LON = 180;
    private static final double BASE_LAT = 90;
    private static final int BASE_YEAR = 1980;
    private static final int LAST_YEAR = 2100;

    /** Checks every field's range; a violation is an {@link InvalidMetadataException}. */
    public SatelliteMetadata {
        requireRange("lon", lon, -180, 180);
        requireRange("lat", lat, -90, 90);
        if (!(gsd > 0) || Double.isInfinite(gsd)) {
            throw new InvalidMetadataException("gsd", gsd, "must be a finite number > 0");
        }
        requireRange("cloud_cover", cloudCoverPercent, 0, 100);
        Objects.requireNonNull(date, "date");
        if (date.getYear() < BASE_YEAR || date.getYear() > LAST_YEAR) {
            throw new InvalidMetadataException("datetime", date,
                    "year must be in [" + BASE_YEAR + ", " + LAST_YEAR + "]");
        }
    }

    /** The normalised values in model order (lon, lat, gsd, cloud, year, month, day). */
    public float[] normalized() {
        return new float[] {
            (float) ((lon + BASE_LON) / 360 * SCALE),
            (float) ((lat + BASE_LAT) / 180 * SCALE),
            (float) (gsd / 1.0 * SCALE),
            (float) (cloudCoverPercent / 100 * SCALE),
            (float) ((double) (date.getYear() - BASE_YEAR) / 120 * SCALE),
            (float) ((double) date.getMonthValue() / 12 * SCALE),
            (float) ((double) date.getDayOfMonth() / 31 * SCALE)
        };
    }

    private static void requireRange(String field, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new InvalidMetadataException(field, value,
                    "must be in [" + (long) min + ", " + (long) max + "]");
        }
    }
}
