package diffusionsat.temporal;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import diffusionsat.io.TileException;
import diffusionsat.spark.TileRef;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FramePlannerTest {
    private static final FramePlanner T3 = new FramePlanner(3, 100);

    @Test
    void nearestFramesInTimeOrderWithTheNearestAsGrid() {
        FramePlan plan = T3.plan(request(22, FrameSelection.NEAREST), sequence(0, 10, 20, 30, 40));
        assertAll(
                () -> assertEquals(List.of("f10", "f20", "f30"), plan.frameIds()),
                () -> assertEquals("f20", plan.gridFrame().id()),
                () -> assertEquals(0, plan.padded()),
                () -> assertEquals(Split.BETWEEN, plan.split()));
    }

    @Test
    void shortSequenceIsPaddedWithCopiesOfTheEarliestFrame() {
        FramePlan plan = T3.plan(request(30, FrameSelection.NEAREST), sequence(0, 10));
        assertAll(
                () -> assertEquals(List.of("f0", "f0", "f10"), plan.frameIds()),
                () -> assertEquals(1, plan.padded()),
                () -> assertEquals(Split.FUTURE, plan.split()));
    }

    @Test
    void sameDayFramesKeepTheLeastCloudy() {
        List<TileRef> frames = List.of(frame("a", 0, 50.0), frame("b", 0, 10.0),
                frame("c", 10, null), frame("d", 20, 0.0));
        FramePlan plan = T3.plan(request(30, FrameSelection.BEFORE), frames);
        assertAll(
                () -> assertEquals(List.of("b", "c", "d"), plan.frameIds()),
                () -> assertEquals(1, plan.duplicatesDropped()));
    }

    @Test
    void framesOnTheTargetDayAndHeldOutFrameNeverCondition() {
        FramePlan plan = T3.plan(new TemporalRequest("f20-after", "s", FrameSelectorTest.day(20),
                "", FrameSelection.NEAREST, "f20"), sequence(0, 10, 20, 30));
        assertAll(
                () -> assertEquals(List.of("f0", "f10", "f30"), plan.frameIds()),
                () -> assertEquals("f20", plan.gridFrame().id(), "evaluation: the left-out grid"));
    }

    @Test
    void framesWithoutMetadataOrTooCloudyAreUnusable() {
        List<TileRef> frames = List.of(frame("a", 0, 0.0),
                new TileRef("nodate", "x.tif", null, List.of(), null, 14.0, 45.0, 10.0, 0.0),
                new TileRef("nogsd", "x.tif", null, List.of(), FrameSelectorTest.day(5), 14.0,
                        45.0, null, 0.0),
                frame("cloudy", 10, 80.0));
        FramePlan plan = new FramePlanner(1, 50).plan(request(12, FrameSelection.NEAREST), frames);
        assertAll(
                () -> assertEquals(List.of("a"), plan.frameIds()),
                () -> assertEquals(3, plan.unusable()));
    }

    @ParameterizedTest(name = "{0} at day {1} -> {2}")
    @CsvSource({"AFTER, -5, PAST", "BEFORE, 45, FUTURE", "NEAREST, 25, BETWEEN"})
    void splitFollowsWhereTheFramesLie(FrameSelection rule, int day, Split split) {
        assertEquals(split, T3.plan(request(day, rule), sequence(0, 10, 20, 30, 40)).split());
    }

    @Test
    void noFrameOnTheRuleSideIsItsOwnFailure() {
        TileException e = assertThrows(NoConditioningFramesException.class,
                () -> T3.plan(request(-5, FrameSelection.BEFORE), sequence(0, 10)));
        assertTrue(e.getMessage().contains("no frame before"), e.getMessage());
    }

    @Test
    void sequenceOfOnlyTheTargetDayFails() {
        TileException e = assertThrows(TileException.class,
                () -> T3.plan(request(10, FrameSelection.NEAREST), sequence(10)));
        assertTrue(e.getMessage().contains("no usable frame"), e.getMessage());
    }

    private static TemporalRequest request(int day, FrameSelection rule) {
        return new TemporalRequest("r", "s", FrameSelectorTest.day(day), "", rule, null);
    }

    private static List<TileRef> sequence(int... days) {
        return java.util.Arrays.stream(days).mapToObj(d -> frame("f" + d, d, 0.0)).toList();
    }

    private static TileRef frame(String id, int day, Double cloud) {
        Instant time = FrameSelectorTest.day(day);
        return new TileRef(id, id + ".tif", null, List.of(), time, 14.56, 45.87, 10.0, cloud);
    }
}
