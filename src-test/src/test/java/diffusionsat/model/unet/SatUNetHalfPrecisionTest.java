package diffusionsat.model.unet;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import diffusionsat.model.ModelDType;
import diffusionsat.model.UNetConfig;
import diffusionsat.testing.Fixtures;
import diffusionsat.testing.ReferenceCase;
import org.junit.jupiter.api.Test;

/** fp16 is selectable: the case-a SatUNet in fp16 on the CPU stays close to the fp32 reference. */
class SatUNetHalfPrecisionTest {

    @Test
    void float16ForwardTracksTheFloat32Reference() {
        ReferenceCase c = ReferenceCase.open(Fixtures.reference().resolve("a_satunet_metadata"));
        SatUNet unet = new SatUNet(UNetConfig.fromJson(c.config().orElseThrow()));
        try (NDManager manager = NDManager.newBaseManager()) {
            unet.load(c.weights(), manager, ModelDType.F16);
            NDArray out = unet.forward(new UNetInputs(c.inputArray(manager, "sample"),
                    c.inputArray(manager, "timestep"),
                    c.inputArray(manager, "encoder_hidden_states"),
                    c.inputArray(manager, "metadata")));
            float[] actual = out.toType(DataType.FLOAT32, false).toFloatArray();
            double[] expected = c.output("sample_out").doubles();
            double maxError = 0;
            double maxMagnitude = 0;
            for (int i = 0; i < expected.length; i++) {
                maxError = Math.max(maxError, Math.abs(expected[i] - actual[i]));
                maxMagnitude = Math.max(maxMagnitude, Math.abs(expected[i]));
            }
            double relative = maxError / maxMagnitude;
            System.out.printf("fp16 case a: max|diff| %.3e (%.3e of max |out|)%n", maxError,
                    relative);
            // fp16 rounds each op by ≤ 2^-11 ≈ 4.9e-4 relative; ~40 ops deep: ~2e-2 at most
            assertAll(() -> assertEquals(DataType.FLOAT16, out.getDataType()),
                    () -> assertTrue(relative < 2e-2, "relative error " + relative));
        }
    }
}
