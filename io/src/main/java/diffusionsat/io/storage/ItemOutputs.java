package diffusionsat.io.storage;

import java.util.List;
import java.util.function.Supplier;

/**
 * The files one item publishes together (an image and its sidecar, every image of a sequence):
 * all of them, or none. Each file is published atomically by {@link Storage}; when any write of
 * the item fails, every one of its files is deleted before the failure goes on, so no image is
 * left without its sidecar and no sequence half made (DESIGN.md §6: a failed row leaves nothing).
 */
public final class ItemOutputs {
    private ItemOutputs() {}

    /**
     * Runs {@code writes}, which publish (some of) {@code uris}; on any exception deletes every
     * one of {@code uris} (absent ones are fine) and rethrows it, a failed deletion added to it
     * as suppressed.
     */
    public static <T> T writeAll(Storage storage, List<String> uris, Supplier<T> writes) {
        try {
            return writes.get();
        } catch (RuntimeException | Error e) {
            for (String uri : uris) {
                try {
                    storage.delete(uri);
                } catch (RuntimeException deletion) {
                    e.addSuppressed(deletion);
                }
            }
            throw e;
        }
    }
}
