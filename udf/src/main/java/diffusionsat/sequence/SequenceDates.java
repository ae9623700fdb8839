package diffusionsat.sequence;

import diffusionsat.io.TileException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The dates a sequence is generated at: the seed's date, then the requested later dates in time
 * order. Several dates on one UTC day are one image (the model's metadata resolves days only),
 * so repeats are dropped and counted; a date on or before the seed's day fails the request.
 *
 * @param dates the seed's date first, then one date per later day, ascending
 * @param duplicatesDropped requested dates dropped because another falls on the same day
 */
public record SequenceDates(List<Instant> dates, int duplicatesDropped) {

    public SequenceDates {
        dates = List.copyOf(dates);
    }

    /** From an explicit list of later dates. */
    public static SequenceDates of(String requestId, Instant start, List<Instant> later) {
        if (later.isEmpty()) {
            throw new TileException(requestId, "no date after the seed's to generate");
        }
        LocalDate startDay = day(start);
        TreeMap<LocalDate, Instant> byDay = new TreeMap<>();
        for (Instant date : later) {
            if (!day(date).isAfter(startDay)) {
                throw new TileException(requestId, "date " + date + " is not after the seed's "
                        + start);
            }
            byDay.merge(day(date), date, (a, b) -> a.isBefore(b) ? a : b);
        }
        List<Instant> dates = new ArrayList<>();
        dates.add(start);
        dates.addAll(byDay.values());
        return new SequenceDates(dates, later.size() - byDay.size());
    }

    /** {@code count} dates every {@code stepDays} days after the start. */
    public static List<Instant> stepped(Instant start, int stepDays, int count) {
        List<Instant> out = new ArrayList<>();
        for (int k = 1; k <= count; k++) {
            out.add(start.plusSeconds(86_400L * stepDays * k));
        }
        return out;
    }

    static LocalDate day(Instant time) {
        return LocalDate.ofInstant(time, ZoneOffset.UTC);
    }
}
