package diffusionsat.sequence;

import diffusionsat.io.ConfigException;
import diffusionsat.sampling.SamplerConfig;
import diffusionsat.spark.ModelConfig;
import java.io.Serializable;

/**
 * What the {@code sequence} job needs to know, validated once on the driver.
 *
 * @param model a checkpoint with the single-image pipeline and a 3D {@code controlnet/}
 * @param sampler sampling settings of both models; {@code height} (= {@code width}) is the side of
 *     every image of a sequence
 * @param window how many of the most recent images condition each next one; 0 = the
 *     ControlNet's T. Fewer than T are padded with copies of the earliest, as upstream pads
 * @param runSeed seeds each image's noise together with its id
 * @param tilesFolder where the COGs go ({@code <output>/sequence/<run-id>/tiles})
 */
public record SequenceSettings(ModelConfig model, SamplerConfig sampler, int window,
        long runSeed, String tilesFolder) implements Serializable {

    public SequenceSettings {
        if (window < 0) {
            throw new ConfigException("sequence.window", window, "must be >= 0 (0 = T)");
        }
        if (sampler.height() != sampler.width()) {
            throw new ConfigException("sampler.width", sampler.width(), "must equal"
                    + " sampler.height (" + sampler.height() + "): the ControlNets make square"
                    + " images");
        }
    }
}
