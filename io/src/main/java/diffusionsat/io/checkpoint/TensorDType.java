package diffusionsat.io.checkpoint;

/** TEMPORARY STUB until branch {@code checkpoint} lands: element types of stored tensors. */
public enum TensorDType {
    F32
}
