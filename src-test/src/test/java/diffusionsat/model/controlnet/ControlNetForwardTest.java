package diffusionsat.model.controlnet;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import diffusionsat.model.ModelDType;
import diffusionsat.model.RandomWeights;
import diffusionsat.model.unet.AdditionalResiduals;
import diffusionsat.model.unet.UNetInputs;
import diffusionsat.testing.Fixtures;
import diffusionsat.testing.ReferenceCase;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ControlNet forward passes beyond parity: scoped native memory (STYLE.md §3.3), input checks
 * that name the expected shape, and fp16 on the CPU.
 */
class ControlNetForwardTest {

    @Test
    void residualsAreTheOnlyArraysLeftInTheCallersManager() {
        ReferenceCase c = ReferenceCase.open(
                Fixtures.reference().resolve("d2_controlnet3d_temporal_attn"));
        ControlNetModel3D model = new ControlNetModel3D(
                ControlNet3DConfig.fromJson(ControlNetFixtures.config(c)));
        try (NDManager models = NDManager.newBaseManager()) {
            RandomWeights.initialize(model, models, ModelDType.F32, 11);
            int weights = models.getManagedArrays().size();
            try (NDManager tile = models.newSubManager()) {
                SplittableRandom random = new SplittableRandom(7);
                ControlNetInputs in = new ControlNetInputs(
                        new UNetInputs(gaussian(tile, random, 1, 4, 8, 8), tile.create(500L),
                                gaussian(tile, random, 1, 5, 16), gaussian(tile, random, 1, 7)),
                        gaussian(tile, random, 1, 3, 3, 64, 64), gaussian(tile, random, 1, 7, 3));
                int before = tile.getManagedArrays().size();
                AdditionalResiduals residuals = model.forward(in, ResidualScaling.uniform(1f));
                int after = tile.getManagedArrays().size();
                assertAll(() -> assertEquals(6, before),
                        () -> assertEquals(before + 5, after, "4 down residuals and the mid one"),
                        () -> assertArrayEquals(new long[] {1, 32, 8, 8},
                                residuals.down().get(0).getShape().getShape()),
                        () -> assertArrayEquals(new long[] {1, 32, 4, 4},
                                residuals.mid().getShape().getShape()));
            }
            assertEquals(weights, models.getManagedArrays().size(), "only the weights remain");
        }
    }

    @Test
    void conditioningImageOfWrongSizeIsRejectedNamingTheExpectedShape() {
        ReferenceCase c =
                ReferenceCase.open(Fixtures.reference().resolve("c_controlnet2d_superres"));
        ControlNetModel model = new ControlNetModel(
                ControlNetConfig.fromJson(c.config().orElseThrow()));
        try (NDManager manager = NDManager.newBaseManager()) {
            // conditioning_scale 2: 8×8 latents need a 32×32 condition, not 64×64 (÷8)
            ControlNetInputs in = new ControlNetInputs(
                    new UNetInputs(manager.zeros(new Shape(2, 4, 8, 8)), manager.create(1L),
                            manager.zeros(new Shape(2, 5, 16)), manager.zeros(new Shape(2, 7))),
                    manager.zeros(new Shape(2, 10, 64, 64)), null);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> model.forward(in, ResidualScaling.uniform(1f)));
            assertTrue(e.getMessage().contains("(2, 10, 32, 32)"), e.getMessage());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"c_controlnet2d_superres", "d2_controlnet3d_temporal_attn"})
    void float16ForwardTracksTheFloat32Reference(String caseName) {
        ReferenceCase c = ReferenceCase.open(Fixtures.reference().resolve(caseName));
        try (NDManager manager = NDManager.newBaseManager()) {
            ControlNet model = ControlNetFixtures.load(c, manager, ModelDType.F16);
            AdditionalResiduals residuals = model.forward(
                    ControlNetFixtures.inputs(c, manager, true),
                    ResidualScaling.uniform(ControlNetFixtures.forwardScale(c)));
            NDArray mid = residuals.mid();
            double relative = relativeError(c.output("mid_block_res_sample").doubles(),
                    mid.toType(DataType.FLOAT32, false).toFloatArray());
            System.out.printf("fp16 %s: mid residual max|diff| / max|ref| = %.3e%n", caseName,
                    relative);
            // fp16 rounds each op by ≤ 2^-11 ≈ 4.9e-4 relative; ~40 ops deep: ~2e-2 at most
            assertAll(() -> assertEquals(DataType.FLOAT16, mid.getDataType()),
                    () -> assertTrue(relative < 2e-2, "relative error " + relative));
        }
    }

    private static double relativeError(double[] expected, float[] actual) {
        double maxError = 0;
        double maxMagnitude = 0;
        for (int i = 0; i < expected.length; i++) {
            maxError = Math.max(maxError, Math.abs(expected[i] - actual[i]));
            maxMagnitude = Math.max(maxMagnitude, Math.abs(expected[i]));
        }
        return maxError / maxMagnitude;
    }

    private static NDArray gaussian(NDManager manager, SplittableRandom random, long... shape) {
        float[] values = new float[Math.toIntExact(new Shape(shape).size())];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return manager.create(values, new Shape(shape));
    }
}
