package diffusionsat.superres;

import diffusionsat.io.ConfigException;
import diffusionsat.io.TileException;
import diffusionsat.io.raster.GeoTransform;
import diffusionsat.io.raster.GeoreferenceRules;
import diffusionsat.io.raster.Radiometry;
import diffusionsat.io.storage.OutputNames;
import java.io.Serializable;
import java.util.Locale;

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
 * @param uncertaintySamples samples per tile with different seeds for the uncertainty map
 *     (per-pixel standard deviation, DESIGN.md §7); 1: none. The output stays the first sample,
 *     so it is the same image whatever this is
 * @param tilesFolder where the COGs go ({@code <output>/superres/<run-id>/tiles})
 * @param diffusionsat the model, sampler and windows of {@link Model#DIFFUSIONSAT}; null for the
 *     other models
 * @param comparison how outputs are scored ({@code metrics.minValidFraction})
 * @param scenes chunking of large scenes and the output's pixel type
 */
public record SuperResolutionSettings(
        Model model, int scale, boolean wald, boolean requireMetadata, Radiometry radiometry, double maxNoDataFraction,
        long runSeed, int uncertaintySamples, String tilesFolder,
        DiffusionSatSettings diffusionsat, ImageComparison comparison, SceneSettings scenes)
        implements Serializable {

    /** More samples than this cost far more than the spread estimate gains. */
    public static final int MAX_UNCERTAINTY_SAMPLES = 64;

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
        if (uncertaintySamples < 1 || uncertaintySamples > MAX_UNCERTAINTY_SAMPLES) {
            throw new ConfigException("superres.uncertaintySamples", uncertaintySamples,
                    "must be in [1, " + MAX_UNCERTAINTY_SAMPLES + "]");
        }
        if (uncertaintySamples > 1 && model != Model.DIFFUSIONSAT) {
            throw new ConfigException("superres.uncertaintySamples", uncertaintySamples,
                    "needs a stochastic model (superres.model diffusionsat): the " + model
                            .name().toLowerCase(Locale.ROOT) + " model gives the same"
                            + " image for every seed");
        }
        if (model == Model.DIFFUSIONSAT) {
            if (diffusionsat == null) {
                throw new ConfigException("superres.model", "diffusionsat",
                        "needs the model.* and sampler.* settings");
            }
            diffusionsat.window(scale); // validates scale and overlap against the output size
        }
    }

    /**
     * Why a tile's metadata is required ({@link diffusionsat.spark.TileRef#validate}), or null
     * where it is not.
     */
    public String metadataRequiredBy() {
        return requireMetadata ? "superres.requireMetadata is true, so that the baseline covers"
                + " the tiles the model can; false runs it without" : null;
    }

    /** Fails the tile when the model conditions on positions and its raster has none. */
    public void requirePosition(String tileId, String inputUri, GeoTransform transform) {
        if (GeoreferenceRules.isMissing(transform) && model == Model.DIFFUSIONSAT) {
            throw new TileException(tileId, inputUri + " has no geotransform (GDAL's default"
                    + " (0, 1, 0, 0, 0, 1)): the model conditions each window on its position");
        }
    }

    /** Whether each tile also gets an uncertainty map. */
    public boolean uncertainty() {
        return uncertaintySamples > 1;
    }

    /** Where a tile's COG goes. */
    public String outputUri(String tileId) {
        return tilesFolder + "/" + OutputNames.fileName(tileId, ".tif");
    }

    /** Where a tile's uncertainty map goes. */
    public String uncertaintyUri(String tileId) {
        return tilesFolder + "/" + OutputNames.fileName(tileId, ".uncertainty.tif");
    }
}
