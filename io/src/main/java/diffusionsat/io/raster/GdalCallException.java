package diffusionsat.io.raster;

import diffusionsat.io.DiffusionSatException;

/**
 * A GDAL call failed on data the project made itself (an in-memory raster, a staged output): not
 * a tile's data problem, so it fails the task. The message names the call, the raster and GDAL's
 * own message.
 */
public final class GdalCallException extends DiffusionSatException {
    public GdalCallException(String call, String raster, String gdalMessage, Throwable cause) {
        super("GDAL " + call + " failed on " + raster + ": " + gdalMessage, cause);
    }
}
