package diffusionsat.model.unet;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.ObjectMapper;
import diffusionsat.model.ModelDType;
import diffusionsat.model.RandomWeights;
import diffusionsat.model.UNetConfig;
import diffusionsat.sampling.DdimSchedule;
import diffusionsat.sampling.DdimScheduler;
import diffusionsat.testing.Fixtures;
import java.io.IOException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Native memory is scoped (STYLE.md §3.3): a denoising loop with one sub-manager per step leaves
 * the tile manager holding the same arrays after 5 and after 50 steps, and every block frees its
 * temporaries when it returns.
 */
class SatUNetScopeTest {

    @Test
    void denoisingLoopLeavesTileManagerArrayCountUnchanged() throws IOException {
        UNetConfig config = UNetConfig.fromJson(new ObjectMapper().readTree(
                Fixtures.reference().resolve("a_satunet_metadata/config.json").toFile()));
        SatUNet unet = new SatUNet(config);
        try (NDManager models = NDManager.newBaseManager()) {
            RandomWeights.initialize(unet, models, ModelDType.F32, 3);
            int weights = models.getManagedArrays().size();
            try (NDManager tile = models.newSubManager()) {
                SplittableRandom random = new SplittableRandom(5);
                NDArray latents = tile.create(gaussian(random, 4 * 8 * 8), new Shape(1, 4, 8, 8));
                NDArray text = tile.create(gaussian(random, 5 * 16), new Shape(1, 5, 16));
                NDArray metadata = tile.create(new float[] {925f, 345f, 411f, 0f, 308f, 166f, 354f},
                        new Shape(1, 7));
                int before = tile.getManagedArrays().size();
                latents = denoise(unet, tile, latents, text, metadata, 5);
                int afterFive = tile.getManagedArrays().size();
                latents = denoise(unet, tile, latents, text, metadata, 50);
                int afterFifty = tile.getManagedArrays().size();
                long[] finalShape = latents.getShape().getShape();
                assertAll(() -> assertEquals(3, before),
                        () -> assertEquals(before, afterFive, "after 5 steps"),
                        () -> assertEquals(before, afterFifty, "after 50 steps"),
                        () -> assertArrayEquals(new long[] {1, 4, 8, 8}, finalShape));
            }
            assertEquals(weights, models.getManagedArrays().size(), "only the weights remain");
        }
    }

    /** The loop of STYLE.md §3.3; returns the final latents, owned by {@code tile}. */
    private static NDArray denoise(SatUNet unet, NDManager tile, NDArray initial, NDArray text,
            NDArray metadata, int steps) {
        DdimSchedule schedule = DdimScheduler.sd21().withSteps(steps);
        NDArray latents = initial;
        for (int t : schedule.timesteps()) {
            NDArray previous = latents;
            try (NDManager step = tile.newSubManager()) {
                latents.tempAttach(step); // borrow inputs so that intermediates land in `step`
                text.tempAttach(step);
                metadata.tempAttach(step);
                NDArray v = unet.forward(new UNetInputs(latents, step.create(t), text, metadata));
                NDArray next = schedule.step(v, t, latents).prevSample();
                next.attach(tile); // the step's only survivor
                latents = next;
            }
            previous.close(); // back in `tile` after the step, and no longer needed
        }
        return latents;
    }

    private static float[] gaussian(SplittableRandom random, int n) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }
}
