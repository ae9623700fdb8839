package diffusionsat.io.checkpoint;

import java.util.Optional;

/**
 * Element types of checkpoint tensors. The constant names are the safetensors dtype strings; each
 * also knows the PyTorch legacy storage class that {@code torch.save} pickles for it.
 */
public enum TensorDType {
    F64(8, "DoubleStorage"),
    F32(4, "FloatStorage"),
    F16(2, "HalfStorage"),
    BF16(2, "BFloat16Storage"),
    I64(8, "LongStorage"),
    I32(4, "IntStorage"),
    I16(2, "ShortStorage"),
    I8(1, "CharStorage"),
    U8(1, "ByteStorage"),
    BOOL(1, "BoolStorage");

    private final int byteSize;
    private final String torchStorage;

    TensorDType(int byteSize, String torchStorage) {
        this.byteSize = byteSize;
        this.torchStorage = torchStorage;
    }

    /** Bytes per element. */
    public int byteSize() {
        return byteSize;
    }

    /** True for the floating-point types (model weights). */
    public boolean isFloatingPoint() {
        return this == F64 || this == F32 || this == F16 || this == BF16;
    }

    /** The dtype of a PyTorch storage class name such as {@code FloatStorage}, if it is one. */
    static Optional<TensorDType> ofTorchStorage(String className) {
        for (TensorDType type : values()) {
            if (type.torchStorage.equals(className)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
