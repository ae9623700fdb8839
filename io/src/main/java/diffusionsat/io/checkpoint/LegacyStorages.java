package diffusionsat.io.checkpoint;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The storages of a legacy {@code torch.save} stream (torch/serialization.py
 * {@code _legacy_save}). The object pickle names them by persistent ids
 * {@code ('storage', StorageType, root_key, location, numel, view_metadata)}; view_metadata is
 * {@code None}, or {@code (view_key, offset, numel)} for a slice of the root storage, which torch
 * wrote for storage views before 1.6. After the object pickle come the list of root keys and
 * then, in that order, each root's int64 little-endian element count and its raw elements.
 */
final class LegacyStorages implements RestrictedUnpickler.PersistentLoad {
    private record Root(TensorDType dtype, long numel) {}

    /** A view's place in its root storage, in elements. */
    private record Slice(String root, long offset) {}

    private final String source;
    private final Map<String, Root> roots = new HashMap<>();
    private final Map<String, Slice> views = new HashMap<>();
    private final Map<String, byte[]> data = new HashMap<>();

    LegacyStorages(String source) {
        this.source = source;
    }

    @Override
    public StorageRef storage(Object id) {
        if (!(id instanceof List<?> pid && pid.size() == 6 && "storage".equals(pid.get(0))
                && pid.get(1) instanceof TorchGlobals.StorageType type
                && pid.get(2) instanceof String rootKey && pid.get(4) instanceof Long numel
                && numel >= 0)) {
            throw new CheckpointFormatException(source, "unsupported persistent id " + id);
        }
        Root root = new Root(type.dtype(), numel);
        Root known = roots.putIfAbsent(rootKey, root);
        if ((known != null && !known.equals(root)) || views.containsKey(rootKey)) {
            throw new CheckpointFormatException(source, "storage " + rootKey
                    + " is named inconsistently: " + root + " and " + known);
        }
        if (pid.get(5) == null) {
            return new StorageRef(rootKey, type.dtype(), numel);
        }
        if (pid.get(5) instanceof List<?> view && view.size() == 3
                && view.get(0) instanceof String viewKey && !roots.containsKey(viewKey)
                && view.get(1) instanceof Long offset && view.get(2) instanceof Long viewNumel
                && offset >= 0 && viewNumel >= 0 && offset + viewNumel <= numel) {
            Slice slice = new Slice(rootKey, offset);
            Slice knownSlice = views.putIfAbsent(viewKey, slice);
            if (knownSlice != null && !knownSlice.equals(slice)) {
                throw new CheckpointFormatException(source, "storage view " + viewKey
                        + " is named inconsistently: " + slice + " and " + knownSlice);
            }
            return new StorageRef(viewKey, type.dtype(), viewNumel);
        }
        throw new CheckpointFormatException(source, "storage " + rootKey + " of " + numel
                + " elements has an invalid view " + pid.get(5));
    }

    /**
     * Reads the raw section from {@code stream}, whose position is just past the key-list
     * pickle that built {@code keyList}. Every root the object pickle named must be there,
     * with the element count its persistent id gave.
     */
    void readData(Object keyList, ByteBuffer stream) {
        if (!(keyList instanceof List<?> keys)) {
            throw new CheckpointFormatException(source, "the storage key list is a "
                    + (keyList == null ? "None" : keyList.getClass().getSimpleName()));
        }
        for (Object name : keys) {
            if (!(name instanceof String key) || !roots.containsKey(key) || data.containsKey(key)) {
                throw new CheckpointFormatException(source, "the storage key list names " + name
                        + ", which the state dict does not use or the list repeats");
            }
            Root root = roots.get(key);
            long count = stream.getLong();
            if (count != root.numel()) {
                throw new CheckpointFormatException(source, "storage " + key + " holds " + count
                        + " elements, its persistent id says " + root.numel());
            }
            int bytes = Math.toIntExact(Math.multiplyExact(count, root.dtype().byteSize()));
            if (bytes > stream.remaining()) {
                throw new CheckpointFormatException(source, "storage " + key + ": " + count
                        + " " + root.dtype() + " elements need " + bytes + " bytes, the file has "
                        + stream.remaining() + " left (truncated)");
            }
            byte[] elements = new byte[bytes];
            stream.get(elements);
            data.put(key, elements);
        }
        for (String key : roots.keySet()) {
            if (!data.containsKey(key)) {
                throw new CheckpointFormatException(source, "storage " + key
                        + " has no data: the storage key list leaves it out");
            }
        }
    }

    /** The bytes of {@code storage}: a root's, or the slice of its root that a view covers. */
    byte[] bytes(StorageRef storage) {
        Slice slice = views.get(storage.key());
        if (slice == null) {
            return data.get(storage.key());
        }
        int elementSize = storage.dtype().byteSize();
        int from = Math.toIntExact(slice.offset() * elementSize);
        return Arrays.copyOfRange(data.get(slice.root()), from,
                from + Math.toIntExact(storage.numel() * elementSize));
    }
}
