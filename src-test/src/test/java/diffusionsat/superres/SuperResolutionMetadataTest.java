package diffusionsat.superres;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import diffusionsat.sampling.SatelliteMetadata;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * The super-resolution metadata rules against the spec's numbers (DIFFUSIONSAT.md §1.1,
 * MANIFEST.md fact 14: GSD ÷ 1 × 1000, conditioning GSD 10 m → 10000).
 */
class SuperResolutionMetadataTest {
    private static final SatelliteMetadata TILE =
            new SatelliteMetadata(14.557815, 45.870459, 10.0, 25, LocalDate.of(2015, 7, 11));

    @Test
    void theTargetsGsdIsTheOutputPixelSize() {
        // The released model: 128 input pixels of 10 m → 512 output pixels of 2.5 m.
        SuperResolutionMetadata m = SuperResolutionMetadata.of(TILE, 128, 512, 1);
        assertEquals(2500f, m.target()[2]);
    }

    @Test
    void theConditionIsTheTargetWithGsd10() {
        SuperResolutionMetadata m = SuperResolutionMetadata.of(TILE, 128, 512, 1);
        float[] target = m.target().clone();
        target[2] = 10000f; // upstream: cond_metadata = target's raw values, gsd set to 10.0
        assertAll(
                () -> assertEquals(10000f, m.conditioning()[2]),
                () -> assertArrayEquals(target, m.conditioning()),
                // lon 14.557815 → 194.557815 / 360 × 1000; cloud 25 % → 250
                () -> assertEquals(540.43835f, m.target()[0], 1e-4f),
                () -> assertEquals(250f, m.target()[3]));
    }

    @Test
    void waldsProtocolMakesBothGsdsFollowTheDegradedInput() {
        // Degraded by 4: 32 input pixels of 40 m; the 128-pixel output has the observed 10 m,
        // and the conditioning image's pixels are 4 × 10 m.
        SatelliteMetadata degraded = new SatelliteMetadata(TILE.lon(), TILE.lat(), 40.0,
                TILE.cloudCoverPercent(), TILE.date());
        SuperResolutionMetadata m = SuperResolutionMetadata.of(degraded, 32, 128, 4);
        assertAll(
                () -> assertEquals(10000f, m.target()[2]),
                () -> assertEquals(40000f, m.conditioning()[2]));
    }
}
