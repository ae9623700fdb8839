package diffusionsat.io.checkpoint;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads a PyTorch {@code .bin} written by {@code torch.save} (zip format, torch ≥ 1.6):
 * {@code <archive>/data.pkl} is a pickle of the state dict, run by {@link RestrictedUnpickler};
 * each storage is the entry {@code <archive>/data/<key>}, raw little-endian elements. The archive
 * folder name varies ({@code archive/}, or the file's stem), so it is found from data.pkl.
 */
final class TorchZipReader {
    private TorchZipReader() {}

    static StateDict read(Path file) {
        String source = file.toString();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            String prefix = archivePrefix(zip, source);
            requireLittleEndian(zip, prefix, source);
            Object root = RestrictedUnpickler.load(source, entryBytes(zip, prefix + "data.pkl"));
            return PickledStateDict.assemble(source, "data.pkl", root,
                    (storage, tensor) -> storageBytes(zip, prefix, storage, tensor, source));
        } catch (ZipException e) {
            throw new CheckpointFormatException(source, "not a readable zip archive (truncated or"
                    + " corrupt): " + e.getMessage(), e);
        } catch (IOException e) {
            throw new CheckpointFormatException(source, "cannot read: " + e.getMessage(), e);
        }
    }

    /** The folder inside the zip that holds data.pkl, with its trailing slash. */
    private static String archivePrefix(ZipFile zip, String source) {
        return zip.stream()
                .map(ZipEntry::getName)
                .filter(name -> name.endsWith("/data.pkl") || name.equals("data.pkl"))
                .min(Comparator.comparingInt(String::length))
                .map(name -> name.substring(0, name.length() - "data.pkl".length()))
                .orElseThrow(() -> new CheckpointFormatException(source,
                        "zip has no data.pkl: not a torch.save checkpoint"));
    }

    /** torch ≥ 2.1 records the byte order; older files are always little-endian. */
    private static void requireLittleEndian(ZipFile zip, String prefix, String source)
            throws IOException {
        if (zip.getEntry(prefix + "byteorder") != null) {
            String order = new String(entryBytes(zip, prefix + "byteorder"),
                    StandardCharsets.US_ASCII).trim();
            if (!order.equals("little")) {
                throw new CheckpointFormatException(source, "byte order " + order
                        + " is not supported (only little-endian)");
            }
        }
    }

    private static byte[] storageBytes(ZipFile zip, String prefix, StorageRef storage,
            String tensor, String source) throws IOException {
        String entry = prefix + "data/" + storage.key();
        if (zip.getEntry(entry) == null) {
            throw new CheckpointFormatException(source, "tensor " + tensor + ": storage entry "
                    + entry + " is missing");
        }
        byte[] bytes = entryBytes(zip, entry);
        long needed = storage.numel() * storage.dtype().byteSize();
        if (bytes.length < needed) {
            throw new CheckpointFormatException(source, "tensor " + tensor + ": storage " + entry
                    + " holds " + bytes.length + " bytes, " + storage.numel() + " "
                    + storage.dtype() + " elements need " + needed + " (truncated?)");
        }
        return bytes;
    }

    private static byte[] entryBytes(ZipFile zip, String name) throws IOException {
        try (InputStream in = zip.getInputStream(zip.getEntry(name))) {
            return in.readAllBytes();
        }
    }
}
