package diffusionsat.job.report;

import diffusionsat.io.StorageException;
import diffusionsat.io.storage.Storage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a report's binary files (PNG) through {@link Storage}, never partial. */
final class ReportFiles {
    private ReportFiles() {}

    static void write(Storage storage, String uri, byte[] bytes) {
        Path local = null;
        try {
            local = Files.createTempFile("diffusionsat-report-", ".bin");
            Files.write(local, bytes);
            storage.publish(local, uri);
        } catch (IOException e) {
            throw new StorageException(uri, "cannot stage a report file: " + e.getMessage(), e);
        } finally {
            deleteQuietly(local);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // The temporary folder is cleaned by the OS; a leftover file is harmless.
        }
    }
}
