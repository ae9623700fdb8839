package diffusionsat.io.checkpoint;

/**
 * What {@code torch._utils._rebuild_tensor_v2(storage, offset, size, stride, ...)} describes: a
 * strided view into a storage, offset and strides counted in elements.
 */
record TensorRef(StorageRef storage, long offset, long[] shape, long[] stride) {}
