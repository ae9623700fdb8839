package diffusionsat.io.catalog;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AcquisitionMetadataTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "2015-07-11T10:00:08Z, 2015-07-11T10:00:08Z",
        "2015-07-11T10:00:08.250Z, 2015-07-11T10:00:08.250Z",
        "2015-07-11T12:00:08+02:00, 2015-07-11T10:00:08Z",
        "2015-07-11T10:00:08, 2015-07-11T10:00:08Z",
        "2015:07:11 10:00:08, 2015-07-11T10:00:08Z",
        "2015-07-11, 2015-07-11T00:00:00Z",
        "20150711, 2015-07-11T00:00:00Z"
    })
    void timesParseInTheFormsFilesUse(String text, String expected) {
        assertEquals(Optional.of(Instant.parse(expected)), AcquisitionTimes.parse(text));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "s2_l1c_13band_svn_20150711.tif, 2015-07-11T00:00:00Z",
        "scene_2020-01-02.tif, 2020-01-02T00:00:00Z",
        "T33TVM_20151399_then_20160101.tif, 2016-01-01T00:00:00Z"
    })
    void fileNamesGiveTheirFirstValidDate(String name, String expected) {
        assertEquals(Optional.of(Instant.parse(expected)), AcquisitionTimes.fromFileName(name));
    }

    @Test
    void namesWithoutADateOrWithLongerDigitRunsGiveNone() {
        assertAll(
                () -> assertTrue(AcquisitionTimes.fromFileName("tile_337-9136.tif").isEmpty()),
                () -> assertTrue(AcquisitionTimes.fromFileName("id_1201507110.tif").isEmpty()),
                () -> assertTrue(AcquisitionTimes.fromFileName("2015-0711.tif").isEmpty()),
                () -> assertTrue(AcquisitionTimes.parse("yesterday").isEmpty()));
    }

    @Test
    void sidecarBeatsTagsAndTagsBeatTheFileName() {
        Sidecar sidecar = new Sidecar(Instant.parse("2016-01-01T00:00:00Z"), 5.0, null, null);
        Map<String, String> tags = Map.of("TIFFTAG_DATETIME", "2015:07:11 10:00:08",
                "ACQUISITION_DATETIME_UTC", "2015-07-11T10:00:09Z", "cloud_fraction_clm", "0.25");

        AcquisitionMetadata withSidecar = AcquisitionMetadata.from(sidecar, tags, "x_20140101.tif");
        AcquisitionMetadata fromTags = AcquisitionMetadata.from(Sidecar.NONE, tags,
                "x_20140101.tif");
        AcquisitionMetadata fromName = AcquisitionMetadata.from(Sidecar.NONE, Map.of(),
                "x_20140101.tif");

        assertAll(
                () -> assertEquals(sidecar.timestamp(), withSidecar.datetime()),
                () -> assertEquals(5.0, withSidecar.cloudCover()),
                () -> assertEquals(Instant.parse("2015-07-11T10:00:09Z"), fromTags.datetime(),
                        "the acquisition tag wins over TIFFTAG_DATETIME"),
                () -> assertEquals(25.0, fromTags.cloudCover(), "a fraction becomes percent"),
                () -> assertEquals(Instant.parse("2014-01-01T00:00:00Z"), fromName.datetime()),
                () -> assertNull(fromName.cloudCover()));
    }
}
