package diffusionsat.io.checkpoint;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns what a {@code torch.save} pickle built, a map of name → {@link TensorRef}, into a
 * {@link StateDict}: each storage's bytes are fetched once (tied weights and slices of one buffer
 * share it) and each strided view is copied out contiguous. The zip and legacy readers differ only
 * in where a storage's bytes lie.
 */
final class PickledStateDict {
    /** The bytes of {@code storage}, first needed by {@code tensor} (named in errors). */
    @FunctionalInterface
    interface StorageBytes {
        byte[] of(StorageRef storage, String tensor) throws IOException;
    }

    private PickledStateDict() {}

    /** {@code root} is the object the pickle {@code pickleName} of {@code source} built. */
    static StateDict assemble(String source, String pickleName, Object root,
            StorageBytes storageBytes) throws IOException {
        if (!(root instanceof Map<?, ?> entries)) {
            throw new CheckpointFormatException(source, pickleName + " holds a "
                    + (root == null ? "None" : root.getClass().getSimpleName())
                    + ", not a state dict");
        }
        Map<String, byte[]> storages = new HashMap<>();
        List<HostTensor> tensors = new ArrayList<>(entries.size());
        for (Map.Entry<?, ?> entry : entries.entrySet()) {
            if (!(entry.getKey() instanceof String name)
                    || !(entry.getValue() instanceof TensorRef view)) {
                throw new CheckpointFormatException(source, "state dict entry "
                        + entry.getKey() + " is not a named tensor");
            }
            StorageRef storage = view.storage();
            byte[] bytes = storages.get(storage.key());
            if (bytes == null) {
                bytes = storageBytes.of(storage, name);
                storages.put(storage.key(), bytes);
            }
            tensors.add(new HostTensor(name, storage.dtype(), view.shape(),
                    StridedView.toContiguous(source, name, bytes, storage.dtype().byteSize(),
                            view.offset(), view.shape(), view.stride())));
        }
        return StateDict.of(source, tensors);
    }
}
