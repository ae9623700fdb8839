package diffusionsat.evaluation;

import diffusionsat.io.ConfigException;
import diffusionsat.io.raster.Radiometry;
import java.io.Serializable;

/**
 * What the per-tile evaluation needs, validated once on the driver.
 *
 * @param radiometry how Sentinel-2 values of inputs and targets are stored
 * @param baseline also score the bicubic baseline computed from each tile's input
 * @param maxAspectDifference largest relative difference between the aspect ratios of an output
 *     and its target that is still resampled onto the output grid; above it the tile fails
 */
public record EvaluationSettings(Radiometry radiometry, boolean baseline,
        double maxAspectDifference) implements Serializable {

    public EvaluationSettings {
        if (!(maxAspectDifference >= 0 && maxAspectDifference <= 1)) {
            throw new ConfigException("evaluate.maxAspectDifference", maxAspectDifference,
                    "must be in [0, 1]");
        }
    }
}
