package diffusionsat.model.ops;

import ai.djl.modality.cv.Image;
import ai.djl.ndarray.NDArray;

/**
 * Image resizing as PyTorch's {@code F.interpolate}; checked against torch in ResizeTest.
 */
public final class Resize {
    private Resize() {}

    /**
     * Bilinear resizing as {@code F.interpolate(x, size, mode="bilinear", align_corners=False)}:
     * source coordinate (dst + 0.5) · in / out − 0.5, clamped at 0, no antialiasing (torch's
     * default, and what pytorch-fid uses). The engine's interpolation always passes
     * align_corners=False, and its BILINEAR maps to torch's bilinear mode.
     *
     * @param x (B, C, H, W)
     * @return (B, C, height, width), in the manager of {@code x}
     */
    public static NDArray bilinear(NDArray x, int height, int width) {
        return x.getNDArrayInternal().interpolation(new long[] {height, width},
                Image.Interpolation.BILINEAR.ordinal(), false);
    }
}
