package diffusionsat.io.checkpoint;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * One tensor on the Java heap: raw little-endian bytes in C order, as safetensors stores them.
 * {@code data()} is the live array (weights are large; nobody copies them by accident), while
 * {@code shape()} returns a copy.
 */
public record HostTensor(String name, TensorDType dtype, long[] shape, byte[] data) {
    public HostTensor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dtype, "dtype");
        shape = shape.clone();
        Objects.requireNonNull(data, "data");
        long bytes = Math.multiplyExact(numel(shape), (long) dtype.byteSize());
        if (bytes != data.length) {
            throw new IllegalArgumentException("tensor " + name + ": shape "
                    + Arrays.toString(shape)
                    + " of " + dtype + " needs " + bytes + " bytes, got "
                    + data.length);
        }
    }

    /** A float32 tensor holding {@code values} (C order). */
    public static HostTensor ofFloats(String name, long[] shape, float[] values) {
        return ofFloats(name, shape, values, TensorDType.F32);
    }

    /**
     * A floating-point tensor of type {@code dtype} (F64, F32, F16 or BF16) holding {@code values},
     * narrowed with round-to-nearest-even where needed.
     */
    public static HostTensor ofFloats(String name, long[] shape, float[] values,
            TensorDType dtype) {
        if (!dtype.isFloatingPoint()) {
            throw new IllegalArgumentException("tensor " + name + ": " + dtype
                    + " is not a float type");
        }
        ByteBuffer out = ByteBuffer.allocate(values.length * dtype.byteSize())
                .order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            switch (dtype) {
                case F64 -> out.putDouble(v);
                case F32 -> out.putFloat(v);
                case F16 -> out.putShort(HalfFloats.floatToF16(v));
                default -> out.putShort(HalfFloats.floatToBf16(v));
            }
        }
        return new HostTensor(name, dtype, shape, out.array());
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** Number of elements (1 for a scalar, whose shape is empty). */
    public long numel() {
        return numel(shape);
    }

    /**
     * The values as float32: widens F16 and BF16 (in Java, see {@link HalfFloats}), narrows F64,
     * converts integers (U8 unsigned, BOOL as 0 or 1).
     */
    public float[] toFloatArray() {
        float[] out = new float[Math.toIntExact(numel())];
        ByteBuffer in = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < out.length; i++) {
            out[i] = switch (dtype) {
                case F64 -> (float) in.getDouble();
                case F32 -> in.getFloat();
                case F16 -> HalfFloats.f16ToFloat(in.getShort());
                case BF16 -> HalfFloats.bf16ToFloat(in.getShort());
                case I64 -> in.getLong();
                case I32 -> in.getInt();
                case I16 -> in.getShort();
                case I8, BOOL -> in.get();
                case U8 -> Byte.toUnsignedInt(in.get());
            };
        }
        return out;
    }

    static long numel(long[] shape) {
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in "
                        + Arrays.toString(shape));
            }
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    /** Equal when name, dtype, shape and bytes are equal (a record compares arrays by identity). */
    @Override
    public boolean equals(Object other) {
        return other instanceof HostTensor t && name.equals(t.name) && dtype == t.dtype
                && Arrays.equals(shape, t.shape) && Arrays.equals(data, t.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, dtype, Arrays.hashCode(shape), Arrays.hashCode(data));
    }

    @Override
    public String toString() {
        return name + " " + dtype + Arrays.toString(shape);
    }
}
