package diffusionsat.temporal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FrameSelectorTest {
    /** Days 0, 10, 20, 30, 40 of a sequence (the bundled samples are 5 dates too). */
    private static final List<Instant> TIMES = List.of(day(0), day(10), day(20), day(30),
            day(40));

    @ParameterizedTest(name = "{0}, target day {1}, T={2} -> {3}")
    @CsvSource(delimiter = ';', value = {
        "NEAREST; 22; 3; 1 2 3",
        "NEAREST; 25; 2; 2 3",        // tie at 5 days: both, time order
        "NEAREST; 15; 1; 1",          // tie at 5 days: the earlier wins
        "NEAREST; -5; 3; 0 1 2",
        "NEAREST; 45; 3; 2 3 4",
        "NEAREST; 22; 9; 0 1 2 3 4",  // fewer frames than T: all of them
        "BEFORE; 25; 3; 0 1 2",
        "BEFORE; 25; 2; 1 2",
        "BEFORE; 20; 3; 0 1",         // strictly before: the frame on the target is not one
        "BEFORE; 0; 3; ''",
        "AFTER; 25; 3; 3 4",
        "AFTER; 5; 2; 1 2",
        "AFTER; 40; 3; ''",
        "EVENLY_SPACED; 25; 3; 0 2 4",
        "EVENLY_SPACED; 25; 2; 0 4",
        "EVENLY_SPACED; 25; 4; 0 1 3 4",
        "EVENLY_SPACED; 31; 1; 3",    // one frame: the nearest
        "EVENLY_SPACED; 25; 5; 0 1 2 3 4",
    })
    void picksFramesByRule(FrameSelection rule, int targetDay, int count, String expected) {
        List<Integer> want = expected.isBlank() ? List.of()
                : Arrays.stream(expected.split(" ")).map(Integer::valueOf).toList();
        assertEquals(want, FrameSelector.select(TIMES, day(targetDay), count, rule));
    }

    @ParameterizedTest
    @CsvSource({"NEAREST", "BEFORE", "AFTER", "EVENLY_SPACED"})
    void noFramesGiveNoSelection(FrameSelection rule) {
        assertEquals(List.of(), FrameSelector.select(List.of(), day(3), 3, rule));
    }

    @ParameterizedTest
    @CsvSource({"0", "-1"})
    void countBelowOneIsRejected(int count) {
        assertThrows(IllegalArgumentException.class,
                () -> FrameSelector.select(TIMES, day(3), count, FrameSelection.NEAREST));
    }

    @ParameterizedTest
    @CsvSource({"10, 10", "20, 10"})
    void unsortedOrRepeatedTimesAreRejected(int first, int second) {
        assertThrows(IllegalArgumentException.class, () -> FrameSelector.select(
                List.of(day(first), day(second)), day(3), 1, FrameSelection.NEAREST));
    }

    static Instant day(int offset) {
        return LocalDate.of(2015, 7, 1).plusDays(offset).atTime(10, 0).toInstant(ZoneOffset.UTC);
    }
}
