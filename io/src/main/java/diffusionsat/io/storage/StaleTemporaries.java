package diffusionsat.io.storage;

import diffusionsat.io.StorageException;
import java.io.IOException;
import java.time.Instant;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * Removes what killed JVMs left of {@link Storage}'s atomic writes: a task killed between writing
 * {@code .<name>.tmp-<uuid>} and renaming it leaves the temporary behind, hidden but taking
 * space. A rerun of a run id removes, under its run folder, only files with exactly that name
 * pattern and last modified before the rerun started, so no write of the rerun itself (its
 * tasks, speculative copies included, start later) is touched.
 */
public final class StaleTemporaries {
    private StaleTemporaries() {}

    /**
     * Deletes the temporaries under {@code folderUri} (recursively) modified before {@code
     * started}; a folder that does not exist (a first run) holds none.
     *
     * @return how many were deleted
     */
    public static int delete(Storage storage, String folderUri, Instant started) {
        Path folder = new Path(folderUri);
        try {
            FileSystem fs = folder.getFileSystem(storage.configuration());
            if (!fs.exists(folder)) {
                return 0;
            }
            int deleted = 0;
            RemoteIterator<LocatedFileStatus> files = fs.listFiles(folder, true);
            while (files.hasNext()) {
                LocatedFileStatus file = files.next();
                if (Storage.isTemporaryName(file.getPath().getName())
                        && file.getModificationTime() < started.toEpochMilli()
                        && fs.delete(file.getPath(), false)) {
                    deleted++;
                }
            }
            return deleted;
        } catch (IOException e) {
            throw new StorageException(folderUri, "cannot remove stale temporary files: "
                    + e.getMessage(), e);
        }
    }
}
