package diffusionsat.temporal;

import diffusionsat.io.ConfigException;
import diffusionsat.io.raster.Radiometry;
import java.io.Serializable;
import java.util.List;

/**
 * What the per-request temporal prediction needs to know, validated once on the driver.
 *
 * @param model what predicts the image
 * @param checkpoint the ControlNet checkpoint folder (DiffusionSat model), empty otherwise
 * @param baselineFrames T for the baseline (a ControlNet's T comes from its checkpoint)
 * @param baselineSize the baseline's conditioning and output side
 * @param selection how frames are chosen for requests
 * @param evaluationSelections evaluation mode: one prediction per known frame and rule
 * @param maxCloudCover frames with more cloud (percent) never condition
 * @param outputGrid the grid outputs are written on
 * @param radiometry how Sentinel-2 values are stored
 * @param maxNoDataFraction above this share of nodata/NaN pixels a frame fails its request
 * @param steps DDIM steps
 * @param guidanceScale classifier-free guidance scale (1 = none)
 * @param batchSize requests generated together on the device
 * @param runSeed seeds each request's noise together with its id
 * @param tilesFolder where the COGs go ({@code <output>/temporal/<run-id>/tiles})
 */
public record TemporalSettings(TemporalModel model, String checkpoint, int baselineFrames,
        int baselineSize, FrameSelection selection, List<FrameSelection> evaluationSelections,
        double maxCloudCover, OutputGrid outputGrid, Radiometry radiometry,
        double maxNoDataFraction, int steps, double guidanceScale, int batchSize, long runSeed,
        String tilesFolder) implements Serializable {

    public TemporalSettings {
        evaluationSelections = List.copyOf(evaluationSelections);
        if (model == TemporalModel.DIFFUSIONSAT && checkpoint.isBlank()) {
            throw new ConfigException("temporal.checkpoint", checkpoint,
                    "must name a ControlNet checkpoint folder when temporal.model is diffusionsat");
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
        return model == TemporalModel.DIFFUSIONSAT ? "diffusionsat-temporal:" + checkpoint
                : "nearest-frame";
    }
}
