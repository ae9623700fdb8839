package diffusionsat.io.raster;

import diffusionsat.io.StorageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Local temporary files that GDAL writes before a result is published. */
public final class TemporaryFiles {
    private TemporaryFiles() {}

    /** A new empty file in the JVM's temporary folder; {@code uri} names what it is for. */
    public static Path create(String prefix, String suffix, String uri) {
        try {
            return Files.createTempFile(prefix, suffix);
        } catch (IOException e) {
            throw new StorageException(uri, "cannot create a temporary file in "
                    + System.getProperty("java.io.tmpdir") + ": " + e.getMessage(), e);
        }
    }

    public static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // The temporary folder is cleaned by the OS; a leftover file is harmless.
        }
    }
}
