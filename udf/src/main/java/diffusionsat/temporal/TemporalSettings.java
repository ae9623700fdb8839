package diffusionsat.temporal;

import diffusionsat.io.ConfigException;
import diffusionsat.io.raster.Radiometry;
import diffusionsat.sampling.SamplerConfig;
import diffusionsat.sampling.SamplingInfo;
import diffusionsat.spark.ModelConfig;
import diffusionsat.superres.ImageComparison;
import java.io.Serializable;
import java.util.List;

/**
 * What the per-request temporal prediction needs to know, validated once on the driver.
 *
 * @param model what predicts the image
 * @param checkpoint the checkpoint with a 3D {@code controlnet/}, its dtype and device (model
 *     DiffusionSat), else null
 * @param baselineFrames T for the baseline (a ControlNet's T comes from its checkpoint)
 * @param size the side of the generated image in pixels ({@code sampler.height}: the
 *     ControlNet's output size, which fixes its conditioning size; the baseline's conditioning and
 *     output side)
 * @param selection how frames are chosen for requests
 * @param evaluationSelections evaluation mode: one prediction per known frame and rule
 * @param maxCloudCover frames with more cloud (percent) never condition
 * @param outputGrid the grid outputs are written on
 * @param radiometry how Sentinel-2 values are stored
 * @param maxNoDataFraction above this share of nodata/NaN pixels a frame fails its request
 * @param sampler scheduler, steps, guidance and batch size (its height and width are not used)
 * @param runSeed seeds each request's noise together with its id
 * @param tilesFolder where the COGs go ({@code <output>/temporal/<run-id>/tiles})
 * @param comparison how evaluation outputs are scored ({@code metrics.minValidFraction})
 */
public record TemporalSettings(TemporalModel model, ModelConfig checkpoint, int baselineFrames,
        int size, FrameSelection selection, List<FrameSelection> evaluationSelections,
        double maxCloudCover, OutputGrid outputGrid, Radiometry radiometry,
        double maxNoDataFraction, SamplerConfig sampler, long runSeed, String tilesFolder,
        ImageComparison comparison) implements Serializable {

    public TemporalSettings {
        evaluationSelections = List.copyOf(evaluationSelections);
        if (model == TemporalModel.DIFFUSIONSAT && checkpoint == null) {
            throw new ConfigException("model.checkpoint", "",
                    "must name a checkpoint with a 3D controlnet/ when temporal.model is"
                    + " diffusionsat");
        }
        if (evaluationSelections.isEmpty()) {
            throw new ConfigException("temporal.evaluationSelections", "",
                    "must list at least one of nearest, before, after, evenly-spaced");
        }
        if (!(maxCloudCover >= 0 && maxCloudCover <= 100)) {
            throw new ConfigException("temporal.maxCloudCover", maxCloudCover,
                    "must be in [0, 100]");
        }
    }

    /** The model name written into every result row. */
    public String modelName() {
        return model == TemporalModel.DIFFUSIONSAT
                ? "diffusionsat-temporal:" + checkpoint.checkpoint() : "nearest-frame";
    }

    /**
     * What the result rows record: the scheduler, steps and guidance for DiffusionSat, none for
     * the baseline.
     *
     * @param batchInvariant whether the networks ran item by item; null before any ran
     */
    public SamplingInfo sampling(Boolean batchInvariant) {
        return model == TemporalModel.DIFFUSIONSAT
                ? SamplingInfo.of(modelName(), sampler, batchInvariant)
                : SamplingInfo.baseline(modelName());
    }
}
