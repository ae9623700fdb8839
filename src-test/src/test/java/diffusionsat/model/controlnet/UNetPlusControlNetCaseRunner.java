package diffusionsat.model.controlnet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import diffusionsat.model.ForwardProbe;
import diffusionsat.model.ModelDType;
import diffusionsat.model.UNetConfig;
import diffusionsat.model.unet.AdditionalResiduals;
import diffusionsat.model.unet.SatUNet;
import diffusionsat.model.unet.SatUNetCaseRunner;
import diffusionsat.testing.CaseRunner;
import diffusionsat.testing.Parity;
import diffusionsat.testing.ReferenceCase;
import org.junit.jupiter.api.Assertions;

/**
 * The UNet + ControlNet case (MANIFEST.md e): the SatUNet of case a fed the residuals of the
 * ControlNet of case c. Two checks: the stored residuals through the UNet ({@link
 * SatUNetCaseRunner}, 1e-4), and end to end: our ControlNet on the case's inputs (its residuals
 * against the stored ones, 1e-4 as in case c), then our UNet on our residuals (2e-4, the
 * manifest's end-to-end tolerance).
 */
public final class UNetPlusControlNetCaseRunner implements CaseRunner {
    private static final double RESIDUAL_TOLERANCE = 1e-4;
    private static final double END_TO_END_TOLERANCE = 2e-4;

    private final SatUNetCaseRunner storedResiduals = new SatUNetCaseRunner();

    @Override
    public boolean handles(ReferenceCase c) {
        return c.weightsFrom("controlnet").isPresent() && storedResiduals.handles(c);
    }

    @Override
    public void run(ReferenceCase c) {
        Assertions.assertAll(c.name(), () -> storedResiduals.run(c), () -> runEndToEnd(c));
    }

    private static void runEndToEnd(ReferenceCase c) {
        ReferenceCase controlnetCase = c.weightsFrom("controlnet").orElseThrow();
        ReferenceCase unetCase = c.weightsFrom("unet").orElseThrow();
        Parity parity = new Parity(c.name() + " (end to end)");
        try (NDManager manager = NDManager.newBaseManager()) {
            ControlNet controlnet = ControlNetFixtures.load(controlnetCase, manager);
            SatUNet unet = new SatUNet(UNetConfig.fromJson(unetCase.config().orElseThrow()));
            unet.load(unetCase.weights(), manager, ModelDType.F32);
            ControlNetInputs inputs = ControlNetFixtures.inputs(c, manager, true);
            AdditionalResiduals residuals = controlnet.forward(inputs,
                    ResidualScaling.uniform(ControlNetFixtures.forwardScale(controlnetCase)));
            for (int i = 0; i < residuals.down().size(); i++) {
                String name = "down_block_additional_residual_" + i;
                parity.compare(name, c.input(name), residuals.down().get(i), RESIDUAL_TOLERANCE);
            }
            parity.compare("mid_block_additional_residual",
                    c.input("mid_block_additional_residual"), residuals.mid(),
                    RESIDUAL_TOLERANCE);
            NDArray out = unet.forward(inputs.unet(), residuals,
                    ForwardProbe.NONE);
            parity.compare("sample_out", c.output("sample_out"), out, END_TO_END_TOLERANCE);
        }
        parity.assertAll();
    }
}
