package diffusionsat.model.unet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import diffusionsat.model.DiffusersBlock;

/** A block of the UNet's (and ControlNets') down path. */
public abstract class UNetDownBlock extends DiffusersBlock {

    /**
     * @param hidden (B, Cin, H, W)
     * @param temb (B, D) time embedding
     * @param context (B, M, crossAttentionDim) text tokens (unused by blocks without attention)
     * @return this block's skip tensors in order, one per resnet and one after the downsampler;
     *     the last is the block's output, (B, Cout, H', W')
     */
    public abstract NDList forward(NDArray hidden, NDArray temb, NDArray context);

    /** The number of skip tensors {@link #forward} returns. */
    public abstract int numSkips();
}
