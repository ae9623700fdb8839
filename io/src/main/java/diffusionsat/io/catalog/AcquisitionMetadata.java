package diffusionsat.io.catalog;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A tile's acquisition time and cloud cover. Sources in order of trust: the JSON sidecar (the
 * dataset's own metadata, which upstream trains on), then the raster's GDAL tags, then (time
 * only) a date in the file name.
 *
 * @param datetime null when no source has one
 * @param cloudCover percent 0..100, null when no source has one
 */
record AcquisitionMetadata(Instant datetime, Double cloudCover) {

    // Tag names seen in Sentinel-2, Landsat and GDAL-written files, most specific first.
    // TIFFTAG_DATETIME is formally the file's creation time: only the last resort among tags.
    private static final List<String> TIME_TAGS = List.of(
            "ACQUISITION_DATETIME_UTC", "ACQUISITION_DATETIME", "ACQUISITION_DATE",
            "DATETIME", "DATE_ACQUIRED", "SENSING_TIME", "PRODUCT_START_TIME",
            "TIFFTAG_DATETIME");
    private static final List<String> CLOUD_PERCENT_TAGS = List.of(
            "EO:CLOUD_COVER", "CLOUD_COVER", "CLOUDY_PIXEL_PERCENTAGE",
            "CLOUD_COVERAGE_ASSESSMENT", "CLOUDCOVER");
    private static final String CLOUD_FRACTION_PREFIX = "CLOUD_FRACTION";

    /** Combines the sources for one raster; {@code tags} as GDAL reports them. */
    static AcquisitionMetadata from(Sidecar sidecar, Map<String, String> tags, String fileName) {
        Map<String, String> upper = new HashMap<>();
        tags.forEach((key, value) -> upper.put(key.toUpperCase(Locale.ROOT), value));
        Instant datetime = sidecar.timestamp() != null ? sidecar.timestamp()
                : timeFromTags(upper).or(() -> AcquisitionTimes.fromFileName(fileName))
                        .orElse(null);
        Double cloud = sidecar.cloudCover() != null ? sidecar.cloudCover()
                : cloudFromTags(upper).orElse(null);
        return new AcquisitionMetadata(datetime, cloud);
    }

    private static Optional<Instant> timeFromTags(Map<String, String> tags) {
        for (String key : TIME_TAGS) {
            Optional<Instant> time = AcquisitionTimes.parse(tags.get(key));
            if (time.isPresent()) {
                return time;
            }
        }
        return Optional.empty();
    }

    private static Optional<Double> cloudFromTags(Map<String, String> tags) {
        for (String key : CLOUD_PERCENT_TAGS) {
            Optional<Double> percent = number(tags.get(key));
            if (percent.isPresent()) {
                return percent;
            }
        }
        return tags.keySet().stream().filter(key -> key.startsWith(CLOUD_FRACTION_PREFIX))
                .sorted().map(key -> number(tags.get(key))).flatMap(Optional::stream)
                .map(fraction -> fraction * 100.0).findFirst();
    }

    private static Optional<Double> number(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            double value = Double.parseDouble(text.trim());
            return Double.isFinite(value) ? Optional.of(value) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
