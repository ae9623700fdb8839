package diffusionsat.superres;

import diffusionsat.io.ConfigException;
import diffusionsat.io.raster.ReflectanceEncoding;
import diffusionsat.io.storage.OutputNames;
import java.io.Serializable;

/**
 * How scenes are cut into work items and stored.
 *
 * @param chunkSize a chunk's side in input pixels ({@code superres.chunkSize}); a larger scene
 *     is cut into chunks, each its own Spark work item
 * @param outputType how output pixels are stored ({@code superres.outputType})
 * @param partsFolder where chunk parts wait for their scene's assembly
 *     ({@code <output>/superres/<run-id>/_chunks})
 */
public record SceneSettings(int chunkSize, ReflectanceEncoding outputType, String partsFolder)
        implements Serializable {

    /** The smallest chunk side worth a work item. */
    public static final int MIN_CHUNK_SIZE = 64;

    public SceneSettings {
        if (chunkSize < MIN_CHUNK_SIZE || chunkSize > 1 << 15) {
            throw new ConfigException("superres.chunkSize", chunkSize, "must be in ["
                    + MIN_CHUNK_SIZE + ", 32768]");
        }
    }

    /** Where chunk {@code index} of a scene is published. */
    public String partUri(String tileId, int index) {
        return sceneParts(tileId) + "/" + index + ".tif";
    }

    /** The folder of one scene's parts, named as the scene's COG ({@link OutputNames}). */
    public String sceneParts(String tileId) {
        return partsFolder + "/" + OutputNames.key(tileId);
    }
}
