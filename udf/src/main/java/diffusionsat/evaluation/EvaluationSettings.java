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
 * @param lpipsWeights file or folder (local or remote) with the LPIPS AlexNet and head weights
 *     ({@link MetricWeights#lpips}); empty: LPIPS is unavailable, never estimated
 */
public record EvaluationSettings(Radiometry radiometry, boolean baseline,
        double maxAspectDifference, String lpipsWeights) implements Serializable {

    public EvaluationSettings {
        if (!(maxAspectDifference >= 0 && maxAspectDifference <= 1)) {
            throw new ConfigException("evaluate.maxAspectDifference", maxAspectDifference,
                    "must be in [0, 1]");
        }
        lpipsWeights = lpipsWeights == null ? "" : lpipsWeights.trim();
    }

    /** Whether LPIPS weights are configured. */
    public boolean hasLpips() {
        return !lpipsWeights.isEmpty();
    }
}
