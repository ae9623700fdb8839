package diffusionsat.model.controlnet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Layout changes between a batch of clips and the batch of their frames, B-major and T-minor
 * (frame index b·T + t, DIFFUSIONSAT.md §9.4), as controlnet_3d.py's {@code repeat_interleave}
 * and einops rearranges do.
 */
final class Frames {
    private Frames() {}

    /** torch {@code repeat_interleave(T, dim=0)}: (N, ...) -> (N·T, ...), each row T times. */
    static NDArray repeatInterleave(NDArray x, int frames) {
        Shape shape = x.getShape();
        long[] repeated = shape.getShape().clone();
        repeated[0] *= frames;
        return x.expandDims(1) // (N, 1, ...)
                .broadcast(new Shape(shape.get(0), frames).addAll(shape.slice(1))) // (N, T, ...)
                .reshape(repeated); // (N·T, ...)
    }

    /** {@code 'b c t h w -> (b t) c h w'}. */
    static NDArray toFrames(NDArray volume) {
        Shape s = volume.getShape();
        return volume.transpose(0, 2, 1, 3, 4) // (B, T, C, h, w)
                .reshape(s.get(0) * s.get(2), s.get(1), s.get(3), s.get(4)); // (B·T, C, h, w)
    }

    /** {@code '(b t) c h w -> b c t h w'} with T = {@code frames}. */
    static NDArray toVolume(NDArray batch, int frames) {
        Shape s = batch.getShape();
        return batch.reshape(s.get(0) / frames, frames, s.get(1), s.get(2), s.get(3))
                // (B, T, C, h, w)
                .transpose(0, 2, 1, 3, 4); // (B, C, T, h, w)
    }
}
