package diffusionsat.model.controlnet;

import ai.djl.ndarray.NDArray;
import diffusionsat.model.BlockList;
import diffusionsat.model.DiffusersBlock;
import diffusionsat.model.ops.ActivationFunction;
import diffusionsat.model.ops.Conv2d;
import diffusionsat.model.ops.Scope;
import java.util.List;

/**
 * {@code ControlNetConditioningEmbedding} of diffusionsat/controlnet.py (:34-79; DIFFUSIONSAT.md
 * §3.1): {@code conv_in} 3×3, then per stage {@code blocks.2i} 3×3 (same channels) and {@code
 * blocks.2i+1} 3×3 to the next stage's channels with the stage's stride, then {@code conv_out}
 * 3×3 to the trunk's first width (zero-initialised upstream). SiLU after every convolution but
 * conv_out; padding 1 throughout.
 */
public final class ControlNetConditioningEmbedding extends DiffusersBlock {
    private final Conv2d convIn;
    private final BlockList<Conv2d> blocks;
    private final Conv2d convOut;

    /**
     * @param inChannels channels of the conditioning image
     * @param channels channels of the stages
     * @param strides stride of each stage's last convolution ({@link
     *     ControlNetConfig#conditioningStrides()})
     * @param outChannels the embedding's channels (block_out_channels[0])
     */
    public ControlNetConditioningEmbedding(int inChannels, List<Integer> channels, int[] strides,
            int outChannels) {
        convIn = child("conv_in", new Conv2d(inChannels, channels.get(0), 3));
        blocks = childList("blocks", 2 * strides.length, i -> {
            int stage = i / 2;
            int in = channels.get(stage);
            return i % 2 == 0 ? new Conv2d(in, in, 3)
                    : new Conv2d(in, channels.get(stage + 1), 3, strides[stage], 1);
        });
        convOut = child("conv_out", new Conv2d(channels.get(channels.size() - 1), outChannels, 3));
    }

    /** (B, Cin, H, W) -> (B, outChannels, H / Π strides, W / Π strides). */
    public NDArray forward(NDArray conditioning) {
        return Scope.run(() -> {
            NDArray h = ActivationFunction.SILU.apply(convIn.forward(conditioning));
            for (Conv2d block : blocks) {
                h = ActivationFunction.SILU.apply(block.forward(h));
            }
            return convOut.forward(h);
        });
    }
}
