package diffusionsat.evaluation;

import diffusionsat.io.ConfigException;
import diffusionsat.io.raster.Radiometry;
import diffusionsat.superres.ImageComparison;
import java.io.Serializable;

/**
 * What the per-tile evaluation needs, validated once on the driver. Each network metric is
 * computed only where its weights are configured; without them it is reported as unavailable,
 * never estimated (DESIGN.md §7).
 *
 * @param radiometry how Sentinel-2 values of inputs and targets are stored
 * @param baseline also score the bicubic baseline computed from each tile's input
 * @param maxAspectDifference largest relative difference between the aspect ratios of an output
 *     and its target that is still resampled onto the output grid; above it the tile fails
 * @param lpipsWeights file or folder (local or remote) with the LPIPS AlexNet and head weights
 *     ({@link MetricWeights#lpips}); empty: no LPIPS
 * @param inceptionWeights file or folder with the FID Inception-v3 weights ({@link
 *     InceptionMetric}); empty: no FID and no IS
 * @param clipModel a Hugging Face CLIPModel folder ({@link ClipScoreMetric}); empty: no CLIP score
 * @param clipCaption the caption of tiles whose catalogue row has none; empty: such tiles get no
 *     CLIP score
 * @param inceptionScoreSplits the IS splits (10 in the usual protocol)
 * @param comparison how outputs are scored against targets and inputs ({@code
 *     metrics.minValidFraction})
 * @param windowedAbovePixels outputs of more pixels are scored window by window ({@code
 *     evaluate.windowedAbovePixels}, {@link TileEvaluator})
 */
public record EvaluationSettings(Radiometry radiometry, boolean baseline,
        double maxAspectDifference, String lpipsWeights, String inceptionWeights,
        String clipModel, String clipCaption, int inceptionScoreSplits,
        ImageComparison comparison, long windowedAbovePixels) implements Serializable {

    /** The documented default of {@code evaluate.windowedAbovePixels} (4096²). */
    public static final long DEFAULT_WINDOWED_ABOVE_PIXELS = 1L << 24;

    /** The settings with the default {@code evaluate.windowedAbovePixels}. */
    public EvaluationSettings(Radiometry radiometry, boolean baseline,
            double maxAspectDifference, String lpipsWeights, String inceptionWeights,
            String clipModel, String clipCaption, int inceptionScoreSplits,
            ImageComparison comparison) {
        this(radiometry, baseline, maxAspectDifference, lpipsWeights, inceptionWeights,
                clipModel, clipCaption, inceptionScoreSplits, comparison,
                DEFAULT_WINDOWED_ABOVE_PIXELS);
    }

    public EvaluationSettings {
        if (windowedAbovePixels < 1) {
            throw new ConfigException("evaluate.windowedAbovePixels", windowedAbovePixels,
                    "must be >= 1");
        }
        if (!(maxAspectDifference >= 0 && maxAspectDifference <= 1)) {
            throw new ConfigException("evaluate.maxAspectDifference", maxAspectDifference,
                    "must be in [0, 1]");
        }
        if (inceptionScoreSplits < 1) {
            throw new ConfigException("evaluate.inceptionScoreSplits", inceptionScoreSplits,
                    "must be >= 1");
        }
        lpipsWeights = trimmed(lpipsWeights);
        inceptionWeights = trimmed(inceptionWeights);
        clipModel = trimmed(clipModel);
        clipCaption = clipCaption == null ? "" : clipCaption;
    }

    /** Whether LPIPS weights are configured. */
    public boolean hasLpips() {
        return !lpipsWeights.isEmpty();
    }

    /** Whether Inception weights are configured (FID and IS). */
    public boolean hasInception() {
        return !inceptionWeights.isEmpty();
    }

    /** Whether a CLIP model is configured. */
    public boolean hasClip() {
        return !clipModel.isEmpty();
    }

    private static String trimmed(String value) {
        return value == null ? "" : value.trim();
    }
}
