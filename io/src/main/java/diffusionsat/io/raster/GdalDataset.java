package diffusionsat.io.raster;

import diffusionsat.io.StorageException;
import diffusionsat.io.storage.GdalPath;
import diffusionsat.io.storage.Storage;
import java.io.FileNotFoundException;
import org.gdal.gdal.Dataset;
import org.gdal.gdal.gdal;
import org.gdal.gdalconst.gdalconstConstants;

/**
 * An open GDAL dataset that frees its native resources on {@link #close()}. Local files are opened
 * in place, {@code s3a:} objects through {@code /vsis3/} range requests, other stores through a
 * local copy ({@link GdalPath}); nothing is read into the heap whole.
 */
public final class GdalDataset implements AutoCloseable {
    private final Dataset dataset;
    private final GdalPath path;

    private GdalDataset(Dataset dataset, GdalPath path) {
        this.dataset = dataset;
        this.path = path;
    }

    /**
     * Opens {@code uri} read-only; any failure (missing file, not a raster, corrupt header) is a
     * {@link TileReadException} naming the tile, the file and GDAL's message.
     */
    public static GdalDataset open(String tileId, String uri, Storage storage) {
        Gdal.ensureRegistered();
        GdalPath path = gdalPath(tileId, uri, storage);
        try {
            return new GdalDataset(openPath(tileId, uri, path.path()), path);
        } catch (RuntimeException e) {
            path.close();
            throw e;
        }
    }

    /** The open dataset; valid until {@link #close()}. */
    public Dataset dataset() {
        return dataset;
    }

    @Override
    public void close() {
        dataset.delete();
        path.close();
    }

    private static Dataset openPath(String tileId, String uri, String gdalPath) {
        Dataset dataset;
        try {
            dataset = gdal.Open(gdalPath, gdalconstConstants.GA_ReadOnly);
        } catch (RuntimeException e) {
            throw new TileReadException(tileId, uri, Gdal.messageOf(e, "GDAL cannot open it"), e);
        }
        if (dataset == null) {
            throw new TileReadException(tileId, uri, Gdal.lastError("GDAL cannot open it"));
        }
        return dataset;
    }

    private static GdalPath gdalPath(String tileId, String uri, Storage storage) {
        try {
            return GdalPath.of(uri, storage);
        } catch (StorageException e) {
            // A missing tile is the tile's problem; any other store failure fails the task.
            if (e.getCause() instanceof FileNotFoundException) {
                throw new TileReadException(tileId, uri, "no such file", e);
            }
            throw e;
        }
    }
}
