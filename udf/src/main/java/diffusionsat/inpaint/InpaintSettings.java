package diffusionsat.inpaint;

import diffusionsat.io.ConfigException;
import diffusionsat.io.raster.Radiometry;
import diffusionsat.sampling.SamplerConfig;
import diffusionsat.spark.ModelConfig;
import diffusionsat.superres.ImageComparison;
import java.io.Serializable;
import java.util.Objects;

/**
 * The {@code inpaint} job's settings, validated on the driver.
 *
 * @param task xBD pairs or cloud in-fill
 * @param generatePast xBD: generate the pre-disaster image from the post-disaster one (upstream's
 *     {@code --xbd_task past}); false: the post-disaster image from the pre-disaster one
 * @param maskTemplate cloud in-fill: the mask raster of a tile, {@code {id}} replaced by its id;
 *     empty: the catalogue's {@code mask_href}
 * @param maskBand cloud in-fill: the mask's band (1-based); values &gt; 0 are cloud
 * @param clearMaxCloudCover cloud in-fill: dates with at most this cloud cover (percent) are
 *     clear and condition the others; dates above it are filled
 * @param missingMetadata what a tile without lon, lat, GSD or date does
 * @param caption the text prompt where the catalogue has none
 * @param model the checkpoint with its {@code controlnet/}
 * @param sampler steps, guidance, batch size; height (= width) is the generated image's side
 * @param radiometry how Sentinel-2 values are stored
 * @param runSeed seeds each request's noise with its id
 * @param tilesFolder where the COGs go
 * @param comparison how xBD outputs are scored ({@code metrics.minValidFraction})
 */
public record InpaintSettings(InpaintTask task, boolean generatePast, String maskTemplate,
        int maskBand, double clearMaxCloudCover, MissingMetadata missingMetadata, String caption,
        ModelConfig model, SamplerConfig sampler, Radiometry radiometry, long runSeed,
        String tilesFolder, ImageComparison comparison) implements Serializable {

    /** Checks the values, naming their keys. */
    public InpaintSettings {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(model, "model");
        if (maskBand < 1) {
            throw new ConfigException("inpaint.maskBand", maskBand, "must be >= 1");
        }
        if (!(clearMaxCloudCover >= 0 && clearMaxCloudCover <= 100)) {
            throw new ConfigException("inpaint.clearMaxCloudCover", clearMaxCloudCover,
                    "must be a percentage in [0, 100]");
        }
        if (sampler.height() != sampler.width()) {
            throw new ConfigException("sampler.width", sampler.width(), "must equal"
                    + " sampler.height (" + sampler.height() + "): the ControlNet makes square"
                    + " images");
        }
    }

    /** The side of the generated images. */
    public int outputSize() {
        return sampler.height();
    }
}
