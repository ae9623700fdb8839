package diffusionsat.io.checkpoint;

import java.util.Arrays;

/**
 * Copies a strided view of a storage (PyTorch's {@code as_strided}: offset and strides counted in
 * elements) into a new C-order byte array, so that every {@link HostTensor} is contiguous.
 */
final class StridedView {
    private StridedView() {}

    /**
     * The view's elements in C order. A view reaching past the storage is an error naming
     * {@code tensor} and the file {@code source}.
     */
    static byte[] toContiguous(String source, String tensor, byte[] storage, int elementSize,
            long offset, long[] shape, long[] stride) {
        long numel = HostTensor.numel(shape);
        long storageNumel = storage.length / elementSize;
        long last = offset;                                    // the highest element it reads
        for (int d = 0; d < shape.length; d++) {
            if (stride[d] < 0) {
                throw new CheckpointFormatException(source, "tensor " + tensor
                        + " has a negative stride " + Arrays.toString(stride));
            }
            last += numel == 0 ? 0 : (shape[d] - 1) * stride[d];
        }
        if (offset < 0 || (numel > 0 && last >= storageNumel)) {
            throw new CheckpointFormatException(source, "tensor " + tensor + " (offset " + offset
                    + ", shape " + Arrays.toString(shape) + ", stride " + Arrays.toString(stride)
                    + ") reaches past its storage of " + storageNumel + " elements (truncated?)");
        }
        int bytes = Math.toIntExact(numel * elementSize);
        int start = Math.toIntExact(offset * elementSize);
        if (isCContiguous(shape, stride)) {
            return Arrays.copyOfRange(storage, start, start + bytes);
        }
        byte[] out = new byte[bytes];
        long[] index = new long[shape.length];
        long element = offset;
        for (int written = 0; written < bytes; written += elementSize) {
            System.arraycopy(storage, Math.toIntExact(element * elementSize), out, written,
                    elementSize);
            // Advance the multi-index like an odometer, last dimension fastest (C order).
            for (int d = shape.length - 1; d >= 0; d--) {
                index[d]++;
                element += stride[d];
                if (index[d] < shape[d]) {
                    break;
                }
                element -= index[d] * stride[d];
                index[d] = 0;
            }
        }
        return out;
    }

    /** True when the strides are C order's, ignoring size-1 dimensions (whose stride is moot). */
    private static boolean isCContiguous(long[] shape, long[] stride) {
        long expected = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            if (shape[d] != 1 && stride[d] != expected) {
                return false;
            }
            expected *= shape[d];
        }
        return true;
    }
}
