package diffusionsat.sampling;

import ai.djl.Device;
import diffusionsat.io.ConfigException;
import java.io.Serializable;

/**
 * Sampling settings (DIFFUSIONSAT.md §4.2), checked before any sampling starts.
 *
 * @param scheduler the scheduler, built from the checkpoint's {@code scheduler/} config
 * @param steps inference steps, [1, 1000] and at most the scheduler's training steps (upstream
 *     notebooks: DDIM 20 for the fine-tuned model, 50 for the ControlNets)
 * @param guidanceScale classifier-free guidance w ≥ 1; 1 turns guidance off (7.5 upstream)
 * @param batchSize images sampled together on the device
 * @param height image height in pixels, a positive multiple of 8
 * @param width image width in pixels, a positive multiple of 8
 * @param batchInvariance whether the networks run one item at a time inside a batch ({@link
 *     BatchInvariance})
 */
public record SamplerConfig(SchedulerKind scheduler, int steps, double guidanceScale,
        int batchSize, int height, int width, BatchInvariance batchInvariance)
        implements Serializable {
    /** Upstream requires image sizes divisible by 8 (pipeline.py check_inputs). */
    public static final int SIZE_MULTIPLE = 8;
    private static final int MAX_SIZE = 4096;

    /**
     * {@code sampler.batchInvariant}. Item by item, an item's image is bit-identical whatever
     * batch it shares: libtorch's convolution kernels pick their algorithm by batch size and
     * round differently (up to ~1e-4 on one 64-channel conv, measured on CPU), which can move a
     * pixel by one 8-bit level. One network call per batch is what makes a GPU fast.
     */
    public enum BatchInvariance {
        /** Item by item on the CPU, whole batches on a GPU. */
        AUTO,
        /** Always item by item. */
        ON,
        /** Always one network call per batch. */
        OFF;

        /** {@code auto}, {@code true} or {@code false}, else an error naming {@code key}. */
        public static BatchInvariance parse(String key, String value) {
            return switch (value == null ? "" : value.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "auto" -> AUTO;
                case "true" -> ON;
                case "false" -> OFF;
                default -> throw new ConfigException(key, value, "must be auto (true on the CPU,"
                        + " false on a GPU), true or false");
            };
        }
    }

    /** Validates every field, naming its {@code sampler.*} key. */
    public SamplerConfig {
        if (scheduler == null) {
            throw new ConfigException("sampler.scheduler", null, "is required");
        }
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
        if (batchInvariance == null) {
            throw new ConfigException("sampler.batchInvariant", null, "is required");
        }
    }

    /** DDIM with batch invariance on or off (the settings of most tests). */
    public SamplerConfig(int steps, double guidanceScale, int batchSize, int height, int width,
            boolean batchInvariant) {
        this(SchedulerKind.DDIM, steps, guidanceScale, batchSize, height, width,
                batchInvariant ? BatchInvariance.ON : BatchInvariance.OFF);
    }

    /** The same settings with another scheduler. */
    public SamplerConfig withScheduler(SchedulerKind kind) {
        return new SamplerConfig(kind, steps, guidanceScale, batchSize, height, width,
                batchInvariance);
    }

    /** Whether the networks run item by item on {@code device} (resolves {@code auto}). */
    public boolean batchInvariantOn(Device device) {
        return switch (batchInvariance) {
            case AUTO -> !device.isGpu();
            case ON -> true;
            case OFF -> false;
        };
    }

    private static void requireSize(String key, int pixels) {
        if (pixels < SIZE_MULTIPLE || pixels > MAX_SIZE || pixels % SIZE_MULTIPLE != 0) {
            throw new ConfigException(key, pixels, "must be a multiple of " + SIZE_MULTIPLE
                    + " in [" + SIZE_MULTIPLE + ", " + MAX_SIZE + "]");
        }
    }
}
