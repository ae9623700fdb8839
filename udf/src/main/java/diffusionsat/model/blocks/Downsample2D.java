package diffusionsat.model.blocks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import diffusionsat.model.DiffusersBlock;
import diffusionsat.model.ops.Conv2d;
import diffusionsat.model.ops.Scope;

/**
 * diffusers {@code Downsample2D} with a convolution (resnet.py): 3×3 conv, stride 2. With
 * padding 0 (the VAE encoder's {@code downsample_padding}) the input is first zero-padded by one
 * on the right and bottom only, as upstream does.
 */
public final class Downsample2D extends DiffusersBlock {
    private final int padding;
    private final Conv2d conv;

    /** A stride-2 downsampler from {@code channels} to {@code outChannels}. */
    public Downsample2D(int channels, int outChannels, int padding) {
        this.padding = padding;
        conv = child("conv", new Conv2d(channels, outChannels, 3, 2, padding));
    }

    /** (B, C, H, W) -> (B, out, ⌈H/2⌉, ⌈W/2⌉). */
    public NDArray forward(NDArray x) {
        if (padding != 0) {
            return conv.forward(x);
        }
        // F.pad order: (W left, W right, H top, H bottom)
        return Scope.run(() -> conv.forward(x.pad(new Shape(0, 1, 0, 1), 0)));
    }
}
