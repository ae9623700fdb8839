package diffusionsat.generate;

import diffusionsat.io.storage.OutputNames;
import diffusionsat.sampling.InvalidMetadataException;
import diffusionsat.sampling.SatelliteMetadata;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * One validated row of a {@code generate} requests table (columns id, caption, lon, lat, gsd,
 * cloud_cover, datetime). Checks run before any sampling, so a bad row fails alone.
 *
 * @param cloudCoverAssumed the row had no cloud cover and 0 was used, as upstream does for
 *     sources without one (DESIGN.md §2)
 */
public record GenerationRequest(String id, String caption, SatelliteMetadata metadata,
        boolean cloudCoverAssumed) {
    /** What a decoder puts where the input's bytes were not valid UTF-8. */
    private static final char REPLACEMENT = '\uFFFD';

    /**
     * Validates raw column values.
     *
     * @param datetime a timestamp, an instant, a date or an ISO-8601 string (a date-time without
     *     an offset is taken as UTC)
     * @throws InvalidRequestException naming the id and every problem found
     */
    public static GenerationRequest of(String id, String caption, Double lon, Double lat,
            Double gsd, Double cloudCover, Object datetime) {
        OutputNames.problem(id).ifPresent(problem -> {
            throw new InvalidRequestException(id == null ? "(no id)" : id, problem);
        });
        if (caption == null || caption.isBlank()) {
            throw new InvalidRequestException(id, "caption is empty; the empty caption is the"
                    + " model's unconditional input, not a request");
        }
        if (caption.indexOf(REPLACEMENT) >= 0) {
            throw new InvalidRequestException(id, "caption is not valid UTF-8 (the table holds"
                    + " bytes that decode to U+FFFD)");
        }
        List<String> missing = new ArrayList<>();
        addIfNull(missing, lon, "lon");
        addIfNull(missing, lat, "lat");
        addIfNull(missing, gsd, "gsd");
        addIfNull(missing, datetime, "datetime");
        if (!missing.isEmpty()) {
            throw new InvalidRequestException(id, "missing metadata (absent or not a number): "
                    + String.join(", ", missing) + "; zero would mean \"unconditional\" to the"
                    + " model, so it is never filled in");
        }
        try {
            SatelliteMetadata metadata = new SatelliteMetadata(lon, lat, gsd,
                    cloudCover == null ? 0 : cloudCover, date(id, datetime));
            return new GenerationRequest(id, caption, metadata, cloudCover == null);
        } catch (InvalidMetadataException e) {
            throw new InvalidRequestException(id, e.getMessage());
        }
    }

    private static LocalDate date(String id, Object value) {
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant().atOffset(ZoneOffset.UTC).toLocalDate();
        }
        if (value instanceof Instant instant) {
            return instant.atOffset(ZoneOffset.UTC).toLocalDate();
        }
        if (value instanceof java.sql.Date date) {
            return date.toLocalDate();
        }
        if (value instanceof LocalDate date) {
            return date;
        }
        String text = value.toString().trim();
        try {
            if (text.length() == 10) {
                return LocalDate.parse(text);
            }
            if (text.endsWith("Z") || text.matches(".*[+-]\\d\\d:?\\d\\d$")) {
                return OffsetDateTime.parse(text).atZoneSameInstant(ZoneOffset.UTC).toLocalDate();
            }
            return LocalDateTime.parse(text.replace(' ', 'T')).toLocalDate();
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException(id, "datetime '" + text + "' is not an ISO-8601"
                    + " date (2015-07-11) or date-time (2015-07-11T10:00:08Z)");
        }
    }

    private static void addIfNull(List<String> missing, Object value, String name) {
        if (value == null || value instanceof Double d && d.isNaN()) {
            missing.add(name);
        }
    }
}
