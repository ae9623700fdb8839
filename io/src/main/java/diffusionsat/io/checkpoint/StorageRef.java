package diffusionsat.io.checkpoint;

/**
 * A storage named by a {@code torch.save} pickle's persistent id
 * {@code ('storage', torch.FloatStorage, key, location, numel)}: its bytes are the zip entry
 * {@code <archive>/data/<key>}, {@code numel} elements of {@code dtype}.
 */
record StorageRef(String key, TensorDType dtype, long numel) {}
