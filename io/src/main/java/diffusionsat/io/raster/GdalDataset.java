package diffusionsat.io.raster;

import diffusionsat.io.StorageException;
import diffusionsat.io.storage.Storage;
import java.io.FileNotFoundException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import org.gdal.gdal.Dataset;
import org.gdal.gdal.gdal;
import org.gdal.gdalconst.gdalconstConstants;

/**
 * An open GDAL dataset that frees its native resources on {@link #close()}. Local files are opened
 * in place; files on any other store are read through {@link Storage} into GDAL's in-memory file
 * system ({@code /vsimem}), which is unlinked on close.
 */
public final class GdalDataset implements AutoCloseable {
    private final Dataset dataset;
    private final String memoryFile; // null when the file was opened in place

    private GdalDataset(Dataset dataset, String memoryFile) {
        this.dataset = dataset;
        this.memoryFile = memoryFile;
    }

    /**
     * Opens {@code uri} read-only; any failure (missing file, not a raster, corrupt header) is a
     * {@link TileReadException} naming the tile, the file and GDAL's message.
     */
    public static GdalDataset open(String tileId, String uri, Storage storage) {
        Gdal.ensureRegistered();
        Optional<Path> local = Storage.localFile(uri);
        if (local.isPresent()) {
            return new GdalDataset(openPath(tileId, uri, local.get().toString()), null);
        }
        String memoryFile = "/vsimem/diffusionsat-" + UUID.randomUUID() + "-" + fileName(uri);
        gdal.FileFromMemBuffer(memoryFile, readBytes(tileId, uri, storage));
        try {
            return new GdalDataset(openPath(tileId, uri, memoryFile), memoryFile);
        } catch (RuntimeException e) {
            gdal.Unlink(memoryFile);
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
        if (memoryFile != null) {
            gdal.Unlink(memoryFile);
        }
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

    private static byte[] readBytes(String tileId, String uri, Storage storage) {
        try {
            return storage.readAllBytes(uri);
        } catch (StorageException e) {
            // A missing tile is the tile's problem; any other store failure fails the task.
            if (e.getCause() instanceof FileNotFoundException) {
                throw new TileReadException(tileId, uri, "no such file", e);
            }
            throw e;
        }
    }

    private static String fileName(String uri) {
        String name = uri.substring(uri.lastIndexOf('/') + 1);
        // GDAL picks drivers partly by extension; keep the name but nothing a path could abuse.
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
