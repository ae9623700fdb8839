package diffusionsat.sequence;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import diffusionsat.io.TileException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SequenceDatesTest {
    private static final Instant START = Instant.parse("2015-07-11T10:00:00Z");

    @Test
    void laterDatesAreSortedAndSameDayRepeatsDropped() {
        SequenceDates dates = SequenceDates.of("s", START, List.of(
                Instant.parse("2015-09-09T00:00:00Z"), Instant.parse("2015-08-10T00:00:00Z"),
                Instant.parse("2015-09-09T12:00:00Z")));
        assertAll(
                () -> assertEquals(List.of(START, Instant.parse("2015-08-10T00:00:00Z"),
                        Instant.parse("2015-09-09T00:00:00Z")), dates.dates()),
                () -> assertEquals(1, dates.duplicatesDropped()));
    }

    @ParameterizedTest
    @CsvSource({"2015-07-11T23:00:00Z, the seed's own day", "2015-07-01T00:00:00Z, before it"})
    void aDateNotAfterTheSeedFailsTheRequest(String date, String why) {
        TileException e = assertThrows(TileException.class,
                () -> SequenceDates.of("s", START, List.of(Instant.parse(date))), why);
        assertTrue(e.getMessage().contains("not after"), e.getMessage());
    }

    @Test
    void noLaterDateFailsTheRequest() {
        assertThrows(TileException.class, () -> SequenceDates.of("s", START, List.of()));
    }

    @ParameterizedTest(name = "every {0} days x {1}")
    @CsvSource({"30, 3, 2015-10-09T10:00:00Z", "1, 1, 2015-07-12T10:00:00Z"})
    void steppedDatesCountFromTheStart(int step, int count, String last) {
        List<Instant> dates = SequenceDates.stepped(START, step, count);
        assertAll(
                () -> assertEquals(count, dates.size()),
                () -> assertEquals(Instant.parse(last), dates.get(count - 1)));
    }
}
