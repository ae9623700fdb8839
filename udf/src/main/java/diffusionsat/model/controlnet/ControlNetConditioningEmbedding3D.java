package diffusionsat.model.controlnet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import diffusionsat.model.BlockList;
import diffusionsat.model.DiffusersBlock;
import diffusionsat.model.ops.ActivationFunction;
import diffusionsat.model.ops.Conv3d;
import diffusionsat.model.ops.Scope;
import java.util.List;

/**
 * {@code ControlNetConditioningEmbedding} of diffusionsat/controlnet_3d.py (:58-90;
 * DIFFUSIONSAT.md §3.2), over frames: {@code conv_in} Conv3d 3×3×3, then per stage {@code
 * blocks.2i} 3×3×3 (same channels) and {@code blocks.2i+1} (1, 3, 3) with stride (1, 2, 2) to
 * the next stage's channels, then {@code conv_out} 3×3×3 (zero-initialised upstream). SiLU after
 * every convolution but conv_out. The 3-tap temporal kernels mix neighbouring frames, zero-padded
 * at both ends of T.
 */
public final class ControlNetConditioningEmbedding3D extends DiffusersBlock {
    private final Conv3d convIn;
    private final BlockList<Conv3d> blocks;
    private final Conv3d convOut;

    /**
     * @param inChannels channels of each conditioning frame
     * @param channels channels of the stages
     * @param outChannels the embedding's channels (block_out_channels[0])
     */
    public ControlNetConditioningEmbedding3D(int inChannels, List<Integer> channels,
            int outChannels) {
        convIn = child("conv_in", new Conv3d(inChannels, channels.get(0), 3));
        blocks = childList("blocks", 2 * (channels.size() - 1), i -> {
            int stage = i / 2;
            int in = channels.get(stage);
            return i % 2 == 0 ? new Conv3d(in, in, 3)
                    : new Conv3d(in, channels.get(stage + 1), new Shape(1, 3, 3),
                            new Shape(1, 2, 2), new Shape(0, 1, 1));
        });
        convOut = child("conv_out", new Conv3d(channels.get(channels.size() - 1), outChannels, 3));
    }

    /** (B, Cin, T, H, W) -> (B, outChannels, T, H / 2^stages, W / 2^stages). */
    public NDArray forward(NDArray conditioning) {
        return Scope.run(() -> {
            NDArray h = ActivationFunction.SILU.apply(convIn.forward(conditioning));
            for (Conv3d block : blocks) {
                h = ActivationFunction.SILU.apply(block.forward(h));
            }
            return convOut.forward(h);
        });
    }
}
