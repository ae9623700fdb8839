package diffusionsat.model.unet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import diffusionsat.model.DiffusersBlock;
import java.util.List;

/** A block of the UNet's up path. */
public abstract class UNetUpBlock extends DiffusersBlock {

    /**
     * @param hidden (B, Cprev, H, W)
     * @param skips this block's {@link #numResnets()} skip tensors, in down-path order; they are
     *     consumed from the last, one concatenated (on channels) before each resnet
     * @param temb (B, D)
     * @param context (B, M, crossAttentionDim) (unused by blocks without attention)
     * @param upsampleSize size for the upsampler, or {@code null} for ×2
     * @return (B, Cout, H', W')
     */
    public abstract NDArray forward(NDArray hidden, List<NDArray> skips, NDArray temb,
            NDArray context, Shape upsampleSize);

    /** The number of resnets, which is the number of skips consumed. */
    public abstract int numResnets();
}
