package diffusionsat.sampling;

import java.util.List;

/** A loaded ControlNet pipeline (SatUNet + ControlNet 2D or 3D + VAE + text encoder + DDIM); thread-safe for one task at a time; obtained from ExecutorModels. */
public interface ConditionalGenerator {
    int frames();          // T the ControlNet expects (1 for 2D)
    int channels();        // conditioning channels C (10 for fMoW-Sentinel super-resolution, 3 for RGB)
    int conditioningSize();// the conditioning image side the model was trained on (e.g. 256)
    int outputSize();      // the generated image side (e.g. 512)
    /** Generates RGB planes [0,1] (3 × outputSize²) per request; batched on the device, the batch halved and retried on out-of-memory; each item's output independent of the batch it ran in. */
    List<float[][]> generate(List<ConditionalRequest> requests, SamplerConfig sampler);
}
