package diffusionsat.sampling;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The guided loop: one network call per step on the whole guided batch (both halves of every
 * item), and nothing left behind in the caller's manager but the result, whatever state the
 * scheduler keeps between steps.
 */
class GuidedDenoiserTest {
    private static final int STEPS = 5;

    @ParameterizedTest
    @EnumSource(SchedulerKind.class)
    void eachStepCallsTheNetworkOnceOnBothHalvesAndLeavesOnlyTheResult(SchedulerKind kind) {
        NoiseScheduler scheduler = Schedulers.sd21().get(kind);
        List<Long> batchSizes = new ArrayList<>();
        // a stand-in network: a fixed linear map of its input, enough to drive the solvers
        NoisePredictor network = (input, t) -> {
            batchSizes.add(input.getShape().get(0));
            return input.mul(0.3f);
        };
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray noise = manager.randomNormal(new Shape(3, 4, 8, 8));
            int before = manager.getManagedArrays().size();
            NDArray guided = new GuidedDenoiser(scheduler, STEPS, 7.5)
                    .denoise(noise, new NDList(), network, StepListener.NONE);
            int after = manager.getManagedArrays().size();
            NDArray plain = new GuidedDenoiser(scheduler, STEPS, 1)
                    .denoise(noise, new NDList(), network, StepListener.NONE);
            assertAll(
                    () -> assertEquals(before + 1, after, "only x_0 is added to the manager"),
                    () -> assertEquals(new Shape(3, 4, 8, 8), guided.getShape()),
                    () -> assertEquals(new Shape(3, 4, 8, 8), plain.getShape()),
                    // 5 guided calls on [u; c] of 3 items, then 5 plain calls on 3
                    () -> assertEquals(List.of(6L, 6L, 6L, 6L, 6L, 3L, 3L, 3L, 3L, 3L),
                            batchSizes));
        }
    }
}
