package diffusionsat.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import diffusionsat.io.TileException;
import diffusionsat.io.raster.GdalRasters;
import diffusionsat.io.raster.Raster;
import diffusionsat.io.raster.Sentinel2Preprocessing;
import diffusionsat.io.storage.Storage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Scores the images of the {@code generate} job (DESIGN.md §7, the paper's Table 1): a generated
 * image has no input or target, so it gets the set metrics only: Inception features (FID against
 * a catalogue of real images, IS) and the CLIP score against the caption its sidecar
 * ({@code images/<id>.json}) records. Also reads the real images' features for FID.
 */
public final class GeneratedImageEvaluator {
    private static final String NO_REFERENCE = "mse, psnr, ssim, lpips, consistency: a generated"
            + " image has no input or target";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EvaluationSettings settings;
    private final Storage storage;
    private final Sentinel2Preprocessing preprocessing;
    private final NetworkMetrics network;

    public GeneratedImageEvaluator(EvaluationSettings settings, Storage storage) {
        this.settings = settings;
        this.storage = storage;
        this.preprocessing = new Sentinel2Preprocessing(settings.radiometry());
        this.network = new NetworkMetrics(settings, storage);
    }

    /** The network metrics of one generated image. */
    public TileEvaluation evaluate(EvaluationTile tile) {
        RgbImage image = read(tile.id(), tile.outputUri());
        // Only the CLIP score needs the caption: without it a bad sidecar must not fail the tile.
        String caption = tile.caption() != null || !settings.hasClip() ? tile.caption()
                : sidecarCaption(tile);
        RoleMetrics metrics = RoleMetrics.compared(RoleMetrics.MODEL, tile.model(), null, null,
                null, null, null, null, null, NO_REFERENCE).withNetworkMetrics(
                        network.inception(image), network.clipScore(image, caption),
                        network.clipSkipReason(caption));
        return new TileEvaluation(List.of(metrics), null);
    }

    /** The Inception features of a real image (a catalogue raster), or null without weights. */
    public InceptionFeatures referenceFeatures(String id, String uri) {
        return network.inception(read(id, uri));
    }

    /**
     * An image in [0, 1] with NaN where missing: an 8-bit R, G, B file (the job's PNGs) / 255,
     * a Sentinel-2 raster normalised as the ControlNet's B04, B03, B02.
     */
    public RgbImage read(String id, String uri) {
        Raster raster = GdalRasters.read(id, uri, storage);
        return RgbImage.of(raster, preprocessing.rgb(id, raster));
    }

    /** The caption the generate job recorded beside the image; null when there is none. */
    private String sidecarCaption(EvaluationTile tile) {
        String output = tile.outputUri();
        int dot = output.lastIndexOf('.');
        String sidecar = (dot > output.lastIndexOf('/') ? output.substring(0, dot) : output)
                + ".json";
        if (!storage.exists(sidecar)) {
            return null;
        }
        try {
            JsonNode caption = JSON.readTree(new String(storage.readAllBytes(sidecar),
                    StandardCharsets.UTF_8)).get("caption");
            return caption == null || !caption.isTextual() ? null : caption.asText();
        } catch (IOException e) {                     // bad JSON; a failing store fails the task
            throw new TileException(tile.id(), "sidecar " + sidecar + " is unreadable: "
                    + e.getMessage(), e);
        }
    }
}
