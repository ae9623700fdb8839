package diffusionsat.superres;

import diffusionsat.io.ConfigException;
import diffusionsat.sampling.SamplerConfig;
import diffusionsat.spark.ModelConfig;
import java.io.Serializable;
import java.util.Objects;

/**
 * What the DiffusionSat super-resolver needs besides the job's settings.
 *
 * @param model the checkpoint (with a 2D {@code controlnet/} of 10 channels) and where it runs
 * @param sampler scheduler, steps, guidance and batch size; its height (= width) is the model's output
 *     size: 512 for the released fMoW-Sentinel ControlNet
 * @param windowOverlap overlap of neighbouring windows of a large scene, in input pixels
 * @param caption the text prompt of every tile
 * @param conditioningScale the multiplier of the ControlNet's residuals (upstream's {@code
 *     controlnet_conditioning_scale}), [0, 10]
 */
public record DiffusionSatSettings(ModelConfig model, SamplerConfig sampler, int windowOverlap,
        String caption, float conditioningScale) implements Serializable {

    /** Requires a square output, a non-negative overlap and a conditioning scale in range. */
    public DiffusionSatSettings {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(caption, "caption");
        if (sampler.height() != sampler.width()) {
            throw new ConfigException("sampler.width", sampler.width(), "must equal"
                    + " sampler.height (" + sampler.height() + "): the ControlNet makes square"
                    + " images");
        }
        if (windowOverlap < 0) {
            throw new ConfigException("superres.windowOverlap", windowOverlap, "must be >= 0");
        }
        if (!(conditioningScale >= 0 && conditioningScale <= 10)) {
            throw new ConfigException("superres.conditioningScale", conditioningScale,
                    "must be in [0, 10]");
        }
    }

    /** The side of the generated images. */
    public int outputSize() {
        return sampler.height();
    }

    /**
     * The window of input pixels one generation covers: outputSize / scale, so that the output
     * needs no resizing.
     *
     * @throws ConfigException when the scale does not divide the output size or the overlap is
     *     not smaller than the window
     */
    public int window(int scale) {
        if (outputSize() % scale != 0) {
            throw new ConfigException("superres.scale", scale, "must divide the output size"
                    + " sampler.height = " + outputSize());
        }
        int window = outputSize() / scale;
        if (windowOverlap >= window) {
            throw new ConfigException("superres.windowOverlap", windowOverlap, "must be smaller"
                    + " than the window of sampler.height / superres.scale = " + window
                    + " input pixels");
        }
        return window;
    }
}
