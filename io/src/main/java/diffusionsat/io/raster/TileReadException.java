package diffusionsat.io.raster;

import diffusionsat.io.TileException;

/** A tile's raster could not be read: missing, corrupt or not a raster GDAL understands. */
public final class TileReadException extends TileException {
    public TileReadException(String tileId, String uri, String cause, Throwable underlying) {
        super(tileId, "cannot read " + uri + ": " + cause, underlying);
    }

    public TileReadException(String tileId, String uri, String cause) {
        super(tileId, "cannot read " + uri + ": " + cause);
    }
}
