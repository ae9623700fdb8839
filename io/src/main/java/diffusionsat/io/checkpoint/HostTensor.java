package diffusionsat.io.checkpoint;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** TEMPORARY STUB until branch {@code checkpoint} lands: one named tensor in host memory. */
public record HostTensor(String name, TensorDType dtype, long[] shape, byte[] data) {

    /** The values widened to float32. */
    public float[] toFloatArray() {
        float[] out = new float[data.length / Float.BYTES];
        ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        return out;
    }

    /** A float32 tensor holding the given values. */
    public static HostTensor ofFloats(String name, long[] shape, float[] values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * Float.BYTES);
        buffer.order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().put(values);
        return new HostTensor(name, TensorDType.F32, shape.clone(), buffer.array());
    }
}
