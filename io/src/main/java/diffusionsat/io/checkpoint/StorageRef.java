package diffusionsat.io.checkpoint;

/**
 * A storage named by a {@code torch.save} pickle's persistent id
 * {@code ('storage', torch.FloatStorage, key, location, numel)}: {@code numel} elements of
 * {@code dtype}, whose bytes are the zip entry {@code <archive>/data/<key>} or, in the legacy
 * format, a block after the pickles ({@link LegacyStorages}).
 */
record StorageRef(String key, TensorDType dtype, long numel) {}
