package diffusionsat.io.checkpoint;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Map;

/**
 * Reads the legacy {@code torch.save} format (torch &lt; 1.6, or
 * {@code _use_new_zipfile_serialization=False}), in which pytorch-fid's
 * {@code pt_inception-2015-12-05} and lpips's {@code v0.1} heads are saved. The file is one stream
 * (torch/serialization.py {@code _legacy_save}): a pickle of the magic number, one of the protocol
 * version 1001, one of a sys_info dict, the object pickle (the state dict), a pickle of the storage
 * keys, then the storages' raw bytes ({@link LegacyStorages}). Every pickle runs through the
 * {@link RestrictedUnpickler}, so the allow-list guards this format as it guards the zip.
 */
final class LegacyTorchReader {
    private static final BigInteger MAGIC_NUMBER = new BigInteger("1950a86a20f9469cfc6c", 16);
    private static final long PROTOCOL_VERSION = 1001;

    private LegacyTorchReader() {}

    static StateDict read(Path file) {
        String source = file.toString();
        try (FileChannel channel = FileChannel.open(file)) {
            if (channel.size() > Integer.MAX_VALUE) {
                throw new CheckpointFormatException(source, "a legacy torch.save file over 2 GiB"
                        + " is not supported; re-save it as safetensors");
            }
            // Mapped, not read: the storages are copied out once, straight from the page cache.
            ByteBuffer stream = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
            requireHeader(source, stream);
            LegacyStorages storages = new LegacyStorages(source);
            Object root = RestrictedUnpickler.loadNext(source, stream, storages);
            storages.readData(RestrictedUnpickler.loadNext(source, stream, noStorage(source)),
                    stream);
            return PickledStateDict.assemble(source, "the legacy object pickle", root,
                    (storage, tensor) -> storages.bytes(storage));
        } catch (BufferUnderflowException e) {
            throw new CheckpointFormatException(source, "legacy torch.save stream ends inside"
                    + " its storage data (truncated)", e);
        } catch (ArithmeticException e) {
            throw new CheckpointFormatException(source, "legacy torch.save storage too large: "
                    + e.getMessage(), e);
        } catch (IOException e) {
            throw new CheckpointFormatException(source, "cannot read: " + e.getMessage(), e);
        }
    }

    /** Magic number, protocol version and a little-endian sys_info, as _legacy_load checks. */
    private static void requireHeader(String source, ByteBuffer stream) {
        Object magic = RestrictedUnpickler.loadNext(source, stream, noStorage(source));
        if (!MAGIC_NUMBER.equals(magic)) {
            throw new CheckpointFormatException(source, "a pickle, but not a torch.save file"
                    + " (no legacy magic number)");
        }
        Object version = RestrictedUnpickler.loadNext(source, stream, noStorage(source));
        if (!Long.valueOf(PROTOCOL_VERSION).equals(version)) {
            throw new CheckpointFormatException(source, "legacy torch.save protocol version "
                    + version + ", expected " + PROTOCOL_VERSION);
        }
        Object sysInfo = RestrictedUnpickler.loadNext(source, stream, noStorage(source));
        if (!(sysInfo instanceof Map<?, ?> info
                && Boolean.TRUE.equals(info.get("little_endian")))) {
            throw new CheckpointFormatException(source, "sys_info " + sysInfo + " does not say"
                    + " little_endian: only little-endian files are supported");
        }
    }

    /** The header and key-list pickles hold plain data: a persistent id there is corrupt. */
    private static RestrictedUnpickler.PersistentLoad noStorage(String source) {
        return id -> {
            throw new CheckpointFormatException(source, "persistent id " + id
                    + " outside the legacy object pickle");
        };
    }
}
