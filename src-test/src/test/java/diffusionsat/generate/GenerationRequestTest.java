package diffusionsat.generate;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GenerationRequestTest {
    private static final String CAPTION = "a satellite image of farmland";

    @Test
    void aMissingCloudCoverIsZeroAndSaidSo() {
        GenerationRequest r = GenerationRequest.of("a", CAPTION, 14.5, 45.8, 10.0, null,
                "2015-07-11");
        assertAll(() -> assertTrue(r.cloudCoverAssumed()),
                () -> assertEquals(0, r.metadata().cloudCoverPercent()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2015-07-11", "2015-07-11T23:30:00Z", "2015-07-11T23:30:00",
        "2015-07-11 23:30:00", "2015-07-12T01:30:00+02:00"})
    void isoDatesAndDateTimesGiveTheUtcDate(String datetime) {
        assertEquals(LocalDate.of(2015, 7, 11),
                GenerationRequest.of("a", CAPTION, 0.0, 0.0, 1.0, 0.0, datetime).metadata().date());
    }

    @Test
    void timestampsAreTakenInUtc() {
        Timestamp t = Timestamp.from(Instant.parse("2015-07-11T23:30:00Z"));
        assertEquals(LocalDate.of(2015, 7, 11),
                GenerationRequest.of("a", CAPTION, 0.0, 0.0, 1.0, 0.0, t).metadata().date());
    }

    @Test
    void badRowsFailWithTheirCause() {
        assertAll(
                () -> assertMessage("missing metadata (absent or not a number): lat, datetime",
                        () -> GenerationRequest.of("a", CAPTION, 1.0, null, 1.0, 0.0, null)),
                () -> assertMessage("metadata lat = 95.0",
                        () -> GenerationRequest.of("a", CAPTION, 1.0, 95.0, 1.0, 0.0,
                                "2015-07-11")),
                () -> assertMessage("caption is empty",
                        () -> GenerationRequest.of("a", "  ", 1.0, 1.0, 1.0, 0.0, "2015-07-11")),
                () -> assertMessage("not valid UTF-8",
                        () -> GenerationRequest.of("a", "caf\uFFFD", 1.0, 1.0, 1.0, 0.0,
                                "2015-07-11")),
                () -> assertMessage("id must match",
                        () -> GenerationRequest.of("../x", CAPTION, 1.0, 1.0, 1.0, 0.0,
                                "2015-07-11")),
                () -> assertMessage("not an ISO-8601 date",
                        () -> GenerationRequest.of("a", CAPTION, 1.0, 1.0, 1.0, 0.0,
                                "11/07/2015")));
    }

    private static void assertMessage(String part, org.junit.jupiter.api.function.Executable e) {
        InvalidRequestException thrown = assertThrows(InvalidRequestException.class, e);
        assertTrue(thrown.getMessage().contains(part), thrown.getMessage());
    }
}
