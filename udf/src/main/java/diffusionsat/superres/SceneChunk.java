package diffusionsat.superres;

import diffusionsat.io.raster.RasterWindow;
import java.io.Serializable;

/**
 * One work item of a scene: the core of input pixels whose output this chunk writes.
 *
 * @param index 0-based, row-major over the scene's chunks
 * @param count the scene's number of chunks
 * @param core the chunk's pixels in the scene's grid; the chunks' cores tile the scene
 */
public record SceneChunk(int index, int count, RasterWindow core) implements Serializable {}
