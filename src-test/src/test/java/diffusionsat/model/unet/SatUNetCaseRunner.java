package diffusionsat.model.unet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import diffusionsat.model.ModelDType;
import diffusionsat.model.UNetConfig;
import diffusionsat.testing.CaseRunner;
import diffusionsat.testing.Parity;
import diffusionsat.testing.ReferenceCase;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reference cases that call {@code SatUNet.forward} (MANIFEST.md cases a, b and e): a model
 * config of class SatUNet / UNet2DConditionModel, or a case feeding stored ControlNet residuals to
 * the UNet of another case. Tolerance 1e-4 for outputs and intermediates (MANIFEST.md).
 */
public final class SatUNetCaseRunner implements CaseRunner {
    private static final double TOLERANCE = 1e-4;
    /** Outputs of the data preparation (metadata_normalize), not of the network. */
    private static final String PREPROCESSING_OUTPUT = "metadata_normalized";

    @Override
    public boolean handles(ReferenceCase c) {
        String type = c.configClass();
        boolean unetConfig = type.equals("SatUNet") || type.equals("UNet2DConditionModel");
        boolean unetWithStoredResiduals = c.weightsFrom("unet").isPresent()
                && c.weightsFrom("vae").isEmpty()
                && c.hasInput("down_block_additional_residual_0");
        return unetConfig || unetWithStoredResiduals;
    }

    @Override
    public void run(ReferenceCase c) {
        ReferenceCase model = c.config().isPresent() ? c : c.weightsFrom("unet").orElseThrow();
        SatUNet unet = new SatUNet(UNetConfig.fromJson(model.config().orElseThrow()));
        Parity parity = new Parity(c.name());
        try (NDManager manager = NDManager.newBaseManager()) {
            unet.load(model.weights(), manager, ModelDType.F32);
            NDArray sample = c.inputArray(manager, "sample");
            NDArray context = c.inputArray(manager, "encoder_hidden_states");
            NDArray metadata = c.hasInput("metadata") ? c.inputArray(manager, "metadata") : null;
            Map<String, float[]> probed = new HashMap<>();
            Map<String, long[]> probedShapes = new HashMap<>();
            NDArray out = unet.forward(
                    new UNetInputs(sample, c.inputArray(manager, "timestep"), context, metadata),
                    residuals(c, manager), (module, output) -> {
                        probed.put(module, output.toFloatArray());
                        probedShapes.put(module, output.getShape().getShape());
                    });
            for (String name : c.outputNames()) {
                if (name.equals("sample_out")) {
                    parity.compare(name, c.output(name), out, TOLERANCE);
                } else if (name.equals("sample_out_timestep250")) {
                    // extra call: timestep = 250 as one Python int broadcast to the batch
                    NDArray at250 = unet.forward(new UNetInputs(sample, manager.create(250L),
                            context, metadata));
                    parity.compare(name, c.output(name), at250, TOLERANCE);
                } else if (name.startsWith("intermediate/")) {
                    String module = name.substring("intermediate/".length());
                    parity.check(() -> org.junit.jupiter.api.Assertions.assertTrue(
                            probed.containsKey(module), "no probe output for " + module));
                    if (probed.containsKey(module)) {
                        parity.compare(name, c.output(name), probedShapes.get(module),
                                probed.get(module), TOLERANCE);
                    }
                } else if (!name.equals(PREPROCESSING_OUTPUT)) {
                    throw new IllegalStateException(c.name() + ": unknown output " + name);
                }
            }
        }
        parity.assertAll();
    }

    private static AdditionalResiduals residuals(ReferenceCase c, NDManager manager) {
        if (!c.hasInput("down_block_additional_residual_0")) {
            return null;
        }
        List<NDArray> down = new ArrayList<>();
        for (int i = 0; c.hasInput("down_block_additional_residual_" + i); i++) {
            down.add(c.inputArray(manager, "down_block_additional_residual_" + i));
        }
        return new AdditionalResiduals(down,
                c.inputArray(manager, "mid_block_additional_residual"));
    }
}
