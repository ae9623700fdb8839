package diffusionsat.model.blocks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import diffusionsat.model.DiffusersBlock;
import diffusionsat.model.ops.Conv2d;
import diffusionsat.model.ops.Scope;

/** diffusers {@code Upsample2D} with a convolution (resnet.py): nearest ×2 (or to a size), conv. */
public final class Upsample2D extends DiffusersBlock {
    /** DJL's interpolation mode for nearest-neighbour ({@code Image.Interpolation.NEAREST}). */
    private static final int NEAREST = 0;

    private final Conv2d conv;

    /** An upsampler from {@code channels} to {@code outChannels}. */
    public Upsample2D(int channels, int outChannels) {
        conv = child("conv", new Conv2d(channels, outChannels, 3));
    }

    /**
     * @param x (B, C, H, W)
     * @param size target (H', W'), or {@code null} for (2H, 2W)
     * @return (B, out, H', W')
     */
    public NDArray forward(NDArray x, Shape size) {
        Shape in = x.getShape();
        long[] target = size == null ? new long[] {2 * in.get(2), 2 * in.get(3)} : size.getShape();
        return Scope.run(() ->
                conv.forward(x.getNDArrayInternal().interpolation(target, NEAREST, false)));
    }
}
