package diffusionsat.sampling;

import diffusionsat.io.ConfigException;
import java.io.Serializable;

/**
 * DDIM sampling settings (DIFFUSIONSAT.md §4.2), checked before any sampling starts.
 *
 * @param steps inference steps, [1, 1000] (upstream notebooks: 20 for the fine-tuned model)
 * @param guidanceScale classifier-free guidance w ≥ 1; 1 turns guidance off (7.5 upstream)
 * @param batchSize images sampled together on the device
 * @param height image height in pixels, a positive multiple of 8
 * @param width image width in pixels, a positive multiple of 8
 * @param batchInvariant run the networks one item at a time inside a batch, so that an item's
 *     image is bit-identical whatever batch it shares; libtorch's convolution kernels pick their
 *     algorithm by batch size and round differently (up to ~1e-4 on one 64-channel conv, measured
 *     on CPU), which can move a pixel by one 8-bit level. {@code false}: one network call per
 *     batch, faster on GPUs
 */
public record SamplerConfig(int steps, double guidanceScale, int batchSize, int height, int width,
        boolean batchInvariant) implements Serializable {
    /** Upstream requires image sizes divisible by 8 (pipeline.py check_inputs). */
    public static final int SIZE_MULTIPLE = 8;
    private static final int MAX_SIZE = 4096;

    /** Validates every field, naming its {@code sampler.*} key. */
    public SamplerConfig {
        if (steps < 1 || steps > 1000) {
            throw new ConfigException("sampler.steps", steps, "must be in [1, 1000]");
        }
        if (!(guidanceScale >= 1) || Double.isInfinite(guidanceScale)) {
            throw new ConfigException("sampler.guidanceScale", guidanceScale,
                    "must be a finite number >= 1 (1 = no classifier-free guidance)");
        }
        if (batchSize < 1 || batchSize > 1024) {
            throw new ConfigException("sampler.batchSize", batchSize, "must be in [1, 1024]");
        }
        requireSize("sampler.height", height);
        requireSize("sampler.width", width);
    }

    private static void requireSize(String key, int pixels) {
        if (pixels < SIZE_MULTIPLE || pixels > MAX_SIZE || pixels % SIZE_MULTIPLE != 0) {
            throw new ConfigException(key, pixels, "must be a multiple of " + SIZE_MULTIPLE
                    + " in [" + SIZE_MULTIPLE + ", " + MAX_SIZE + "]");
        }
    }
}
