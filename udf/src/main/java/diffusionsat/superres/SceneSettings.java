package diffusionsat.superres;

import diffusionsat.io.ConfigException;
import diffusionsat.io.raster.ReflectanceEncoding;
import java.io.Serializable;

/**
 * How scenes are cut into work items and stored.
 *
 * @param chunkSize a chunk's side in input pixels ({@code superres.chunkSize}); a larger scene
 *     is cut into chunks, each its own Spark work item
 * @param outputType how output pixels are stored ({@code superres.outputType})
 * @param maxPixels the most pixels a raster header may declare ({@code io.maxPixels})
 * @param partsFolder where chunk parts wait for their scene's assembly
 *     ({@code <output>/superres/<run-id>/_chunks})
 */
public record SceneSettings(int chunkSize, ReflectanceEncoding outputType, long maxPixels,
        String partsFolder) implements Serializable {

    /** The smallest chunk side worth a work item. */
    public static final int MIN_CHUNK_SIZE = 64;

    public SceneSettings {
        if (chunkSize < MIN_CHUNK_SIZE || chunkSize > 1 << 15) {
            throw new ConfigException("superres.chunkSize", chunkSize, "must be in ["
                    + MIN_CHUNK_SIZE + ", 32768]");
        }
        if (maxPixels < 1) {
            throw new ConfigException("io.maxPixels", maxPixels, "must be >= 1");
        }
    }

    /** Where chunk {@code index} of a scene is published. */
    public String partUri(String tileId, int index) {
        return sceneParts(tileId) + "/" + index + ".tif";
    }

    /** The folder of one scene's parts. */
    public String sceneParts(String tileId) {
        return partsFolder + "/" + tileId;
    }
}
