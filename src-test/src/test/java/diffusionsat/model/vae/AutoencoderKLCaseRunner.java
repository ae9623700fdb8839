package diffusionsat.model.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import diffusionsat.model.ModelDType;
import diffusionsat.model.VaeConfig;
import diffusionsat.testing.CaseRunner;
import diffusionsat.testing.Parity;
import diffusionsat.testing.ReferenceCase;
import java.util.HashMap;
import java.util.Map;

/**
 * Reference cases of an AutoencoderKL (MANIFEST.md case f): encode → latent mean / logvar / std
 * (and the encoder output and moments), decode of a given latent. Tolerance 1e-4.
 */
public final class AutoencoderKLCaseRunner implements CaseRunner {
    private static final double TOLERANCE = 1e-4;

    @Override
    public boolean handles(ReferenceCase c) {
        return c.configClass().equals("AutoencoderKL");
    }

    @Override
    public void run(ReferenceCase c) {
        AutoencoderKL vae = new AutoencoderKL(VaeConfig.fromJson(c.config().orElseThrow()));
        Parity parity = new Parity(c.name());
        try (NDManager manager = NDManager.newBaseManager()) {
            vae.load(c.weights(), manager, ModelDType.F32);
            Map<String, float[]> probed = new HashMap<>();
            Map<String, long[]> probedShapes = new HashMap<>();
            LatentDistribution latent = vae.encode(c.inputArray(manager, "image"),
                    (module, output) -> {
                        probed.put(module, output.toFloatArray());
                        probedShapes.put(module, output.getShape().getShape());
                    });
            NDArray decoded = vae.decode(c.inputArray(manager, "latent"));
            Map<String, NDArray> actual = Map.of(
                    "latent_mean", latent.mean(),
                    "latent_logvar", latent.logvar(),
                    "latent_std", latent.std(),
                    "decoded", decoded);
            Map<String, String> probes = Map.of("encoder_out", "encoder", "moments", "quant_conv");
            for (String name : c.outputNames()) {
                if (probes.containsKey(name)) {
                    String module = probes.get(name);
                    parity.compare(name, c.output(name), probedShapes.get(module),
                            probed.get(module), TOLERANCE);
                    continue;
                }
                if (!actual.containsKey(name)) {
                    throw new IllegalStateException(c.name() + ": unknown output " + name);
                }
                parity.compare(name, c.output(name), actual.get(name), TOLERANCE);
            }
        }
        parity.assertAll();
    }
}
