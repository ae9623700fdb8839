package diffusionsat.evaluation;

import java.io.Serializable;
import java.time.Instant;

/**
 * One tile to evaluate: a job's output joined with its catalogue row.
 *
 * @param id catalogue tile id
 * @param model the model that produced the output (from the results table)
 * @param outputUri the job's output raster (RGB in [0, 1], NaN nodata)
 * @param inputUri the catalogue's input raster, resolved; null when the id is not catalogued
 * @param targetUri the catalogue's ground truth, resolved; null when there is none
 * @param datetime acquisition time, null when unknown
 * @param cloudCover cloud cover in percent, null when unknown
 * @param uncertainty the job's mean per-pixel standard deviation over several seeds' samples,
 *     null when it sampled one
 * @param caption the catalogue's caption (for the CLIP score), null when it has none
 * @param inputRadiometry how the input's values are stored (a {@code Radiometry} key: the
 *     catalogue's {@code radiometry} column), null for {@code io.radiometry}
 * @param targetRadiometry the same for the target (set where the target is a catalogue row
 *     itself: a temporal run's real frame), null for {@code io.radiometry}
 */
public record EvaluationTile(String id, String model, String outputUri, String inputUri,
        String targetUri, Instant datetime, Double cloudCover, Double uncertainty,
        String caption, String inputRadiometry, String targetRadiometry)
        implements Serializable {

    /** A tile whose input and target are stored as {@code io.radiometry} says. */
    public EvaluationTile(String id, String model, String outputUri, String inputUri,
            String targetUri, Instant datetime, Double cloudCover, Double uncertainty,
            String caption) {
        this(id, model, outputUri, inputUri, targetUri, datetime, cloudCover, uncertainty,
                caption, null, null);
    }
}
