package diffusionsat.model.controlnet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import diffusionsat.model.unet.AdditionalResiduals;
import diffusionsat.testing.CaseRunner;
import diffusionsat.testing.Parity;
import diffusionsat.testing.RecordingProbe;
import diffusionsat.testing.ReferenceCase;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reference cases that call a ControlNet's forward (MANIFEST.md c: 2D ControlNetModel; d, d2:
 * ControlNetModel3D without and with temporal transformers). Every stored residual and
 * intermediate is compared. Case c's extra calls, output folders {@code nocondmd_scale1/} (scale
 * 1, no conditioning metadata) and {@code guess_mode/} (guess mode at the main call's scale), are
 * run too. Tolerances (MANIFEST.md): 1e-4 for the 2D case, 2e-4 for the 3D cases.
 */
public final class ControlNetCaseRunner implements CaseRunner {
    private static final double TOLERANCE_2D = 1e-4;
    private static final double TOLERANCE_3D = 2e-4;
    private static final String MAIN_CALL = "";
    private static final String NO_COND_METADATA_SCALE_1 = "nocondmd_scale1/";
    private static final String GUESS_MODE = "guess_mode/";

    @Override
    public boolean handles(ReferenceCase c) {
        return ControlNetFixtures.isControlNet(c);
    }

    @Override
    public void run(ReferenceCase c) {
        double tolerance = c.configClass().equals("ControlNetModel") ? TOLERANCE_2D : TOLERANCE_3D;
        float scale = ControlNetFixtures.forwardScale(c);
        Parity parity = new Parity(c.name());
        try (NDManager manager = NDManager.newBaseManager()) {
            ControlNet model = ControlNetFixtures.load(c, manager);
            for (Map.Entry<String, Integer> call : residualCounts(c).entrySet()) {
                String prefix = call.getKey();
                RecordingProbe probe = new RecordingProbe();
                boolean withCondMetadata = !prefix.equals(NO_COND_METADATA_SCALE_1);
                AdditionalResiduals residuals = model.forward(
                        ControlNetFixtures.inputs(c, manager, withCondMetadata),
                        scaling(prefix, scale), probe);
                int count = residuals.down().size() + 1;
                parity.check(() -> assertEquals(call.getValue(), count,
                        "residuals of call '" + prefix + "'"));
                ControlNetFixtures.compareResiduals(c, prefix, residuals, parity, tolerance);
                if (prefix.equals(MAIN_CALL)) {
                    probe.compareIntermediates(c, parity, tolerance);
                }
            }
        }
        parity.assertAll();
    }

    /** The scaling of the call whose outputs carry {@code prefix} (case.json extra_calls). */
    private static ResidualScaling scaling(String prefix, float mainScale) {
        return switch (prefix) {
            case MAIN_CALL -> ResidualScaling.uniform(mainScale);
            case NO_COND_METADATA_SCALE_1 -> ResidualScaling.uniform(1f);
            case GUESS_MODE -> new ResidualScaling(mainScale, true);
            default -> throw new IllegalStateException("unknown extra call " + prefix);
        };
    }

    /** Stored residual outputs per call (folder prefix, "" for the main call). */
    private static Map<String, Integer> residualCounts(ReferenceCase c) {
        Map<String, Integer> counts = new TreeMap<>();
        for (String name : c.outputNames()) {
            if (RecordingProbe.isIntermediate(name)) {
                continue;
            }
            int slash = name.lastIndexOf('/');
            String prefix = slash < 0 ? MAIN_CALL : name.substring(0, slash + 1);
            String array = name.substring(slash + 1);
            boolean residual = array.startsWith("down_block_res_sample_")
                    || array.equals("mid_block_res_sample");
            if (!residual) {
                throw new IllegalStateException(c.name() + ": unknown output " + name);
            }
            counts.merge(prefix, 1, Integer::sum);
        }
        return counts;
    }
}
