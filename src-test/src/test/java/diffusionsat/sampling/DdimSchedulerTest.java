package diffusionsat.sampling;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SD 2.1 DDIM schedule facts from DIFFUSIONSAT.md §4.2. */
class DdimSchedulerTest {
    private final DdimScheduler scheduler = DdimScheduler.sd21();

    @ParameterizedTest(name = "{0} steps: first {1}, last {2}, stride {3}")
    @CsvSource({"20, 951, 1, 50", "50, 981, 1, 20"}) // "leading" spacing + steps_offset 1
    void timestepsUseLeadingSpacing(int steps, int first, int last, int stride) {
        int[] t = scheduler.withSteps(steps).timesteps();
        boolean evenlySpaced = true;
        for (int i = 1; i < t.length; i++) {
            evenlySpaced &= t[i - 1] - t[i] == stride;
        }
        boolean spaced = evenlySpaced;
        assertAll(() -> assertEquals(steps, t.length),
                () -> assertEquals(first, t[0]),
                () -> assertEquals(last, t[t.length - 1]),
                () -> assertEquals(true, spaced, Arrays.toString(t)));
    }

    @ParameterizedTest(name = "alphas_cumprod[{0}] = {1}")
    @CsvSource({"500, 0.276333", "999, 0.004660"}) // check values, 6 decimals
    void alphasCumprodMatchSpec(int t, float expected) {
        // The spec's decimals come from a float64 evaluation; torch's float32 ᾱ_500 is 0.2763325
        // (reference case g). MANIFEST.md's alphas_cumprod tolerance is 1e-6.
        assertEquals(expected, scheduler.alphaCumprod(t), 1e-6);
    }

    @Test
    void finalAlphaIsAlphaZeroBecauseSetAlphaToOneIsFalse() {
        // β_0 = 0.00085, so ᾱ_0 = 0.99915 (DIFFUSIONSAT.md §4.2)
        assertAll(() -> assertEquals(0.99915f, scheduler.finalAlphaCumprod(), 1e-7),
                () -> assertEquals(scheduler.alphaCumprod(0), scheduler.alphaCumprod(-1)));
    }
}
