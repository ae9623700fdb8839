package diffusionsat.io.catalog;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Acquisition times as rasters, sidecars and file names spell them; UTC when no zone is given. */
final class AcquisitionTimes {
    private static final DateTimeFormatter TIFF_DATETIME =
            DateTimeFormatter.ofPattern("yyyy:MM:dd HH:mm:ss");
    private static final DateTimeFormatter BASIC_DATE = DateTimeFormatter.BASIC_ISO_DATE;
    // yyyyMMdd or yyyy-MM-dd, not inside a longer run of digits.
    private static final Pattern NAME_DATE =
            Pattern.compile("(?<!\\d)((?:19|20)\\d{2})(-?)(\\d{2})\\2(\\d{2})(?!\\d)");

    private AcquisitionTimes() {}

    /**
     * Parses ISO instants and offsets ({@code 2015-07-11T10:00:08Z}), ISO local date-times and
     * dates, {@code yyyyMMdd} and TIFF's {@code yyyy:MM:dd HH:mm:ss}; empty if none fits.
     */
    static Optional<Instant> parse(String text) {
        String value = text == null ? "" : text.trim();
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(value).toInstant());
        } catch (DateTimeException notOffset) {
            // fall through to the forms without a zone
        }
        for (DateTimeFormatter format : new DateTimeFormatter[] {
            DateTimeFormatter.ISO_LOCAL_DATE_TIME, TIFF_DATETIME}) {
            try {
                return Optional.of(LocalDateTime.parse(value, format).toInstant(ZoneOffset.UTC));
            } catch (DateTimeException e) {
                // try the next form
            }
        }
        for (DateTimeFormatter format : new DateTimeFormatter[] {
            DateTimeFormatter.ISO_LOCAL_DATE, BASIC_DATE}) {
            try {
                return Optional.of(LocalDate.parse(value, format).atStartOfDay(ZoneOffset.UTC)
                        .toInstant());
            } catch (DateTimeException e) {
                // try the next form
            }
        }
        return Optional.empty();
    }

    /** The first valid {@code yyyyMMdd} or {@code yyyy-MM-dd} date in a file name, at 00:00 UTC. */
    static Optional<Instant> fromFileName(String fileName) {
        Matcher m = NAME_DATE.matcher(fileName);
        while (m.find()) {
            try {
                LocalDate date = LocalDate.of(Integer.parseInt(m.group(1)),
                        Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)));
                return Optional.of(date.atStartOfDay(ZoneOffset.UTC).toInstant());
            } catch (DateTimeException notADate) {
                // e.g. 20151399: keep looking
            }
        }
        return Optional.empty();
    }
}
