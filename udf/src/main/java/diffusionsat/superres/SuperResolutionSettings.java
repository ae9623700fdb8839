package diffusionsat.superres;

import diffusionsat.io.ConfigException;
import diffusionsat.io.raster.Radiometry;
import java.io.Serializable;

/**
 * What the per-tile super-resolution needs to know, validated once on the driver.
 *
 * @param model which SuperResolver runs
 * @param scale output pixel size = input pixel size / scale
 * @param wald score tiles without a target by Wald's protocol
 * @param requireMetadata fail tiles without lon, lat, GSD and date even where the model needs none
 * @param radiometry how Sentinel-2 values are stored
 * @param maxNoDataFraction above this share of nodata/NaN pixels a tile fails
 * @param runSeed seeds each tile's noise together with its id
 * @param tilesFolder where the COGs go ({@code <output>/superres/<run-id>/tiles})
 * @param diffusionsat the model, sampler and windows of {@link Model#DIFFUSIONSAT}; null for the
 *     other models
 */
public record SuperResolutionSettings(
        Model model, int scale, boolean wald, boolean requireMetadata, Radiometry radiometry, double maxNoDataFraction,
        long runSeed, String tilesFolder, DiffusionSatSettings diffusionsat)
        implements Serializable {

    /** Implementations of {@link SuperResolver}. */
    public enum Model {
        BICUBIC,
        DIFFUSIONSAT
    }

    public SuperResolutionSettings {
        if (scale < 1 || scale > 16) {
            throw new ConfigException("superres.scale", scale, "must be in [1, 16]");
        }
        if (!(maxNoDataFraction >= 0 && maxNoDataFraction <= 1)) {
            throw new ConfigException("io.maxNoDataFraction", maxNoDataFraction, "must be in [0, 1]");
        }
        if (model == Model.DIFFUSIONSAT) {
            if (diffusionsat == null) {
                throw new ConfigException("superres.model", "diffusionsat",
                        "needs the model.* and sampler.* settings");
            }
            diffusionsat.window(scale); // validates scale and overlap against the output size
        }
    }
}
