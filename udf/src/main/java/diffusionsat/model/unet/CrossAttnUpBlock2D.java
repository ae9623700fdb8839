package diffusionsat.model.unet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import diffusionsat.model.BlockList;
import diffusionsat.model.blocks.ResnetBlock2D;
import diffusionsat.model.blocks.Transformer2DModel;
import diffusionsat.model.blocks.Upsample2D;
import diffusionsat.model.ops.Scope;
import java.util.List;

/**
 * diffusers {@code CrossAttnUpBlock2D} (unet_2d_blocks.py): per layer, concatenate the last
 * unused skip on channels, {@code resnets.i}, {@code attentions.i}; then an optional
 * {@code upsamplers.0}.
 */
public final class CrossAttnUpBlock2D extends UNetUpBlock {
    private final BlockList<ResnetBlock2D> resnets;
    private final BlockList<Transformer2DModel> attentions;
    private final Upsample2D upsampler;

    /** A block built from {@code s}. */
    public CrossAttnUpBlock2D(BlockSettings s) {
        resnets = childList("resnets", s.layers(), i -> s.resnet(
                UpChannels.resnetIn(s, i), s.outChannels()));
        attentions = childList("attentions", s.layers(), i -> s.transformer(s.outChannels()));
        upsampler = s.addSampler() ? childList("upsamplers", 1,
                i -> new Upsample2D(s.outChannels(), s.outChannels())).get(0) : null;
    }

    @Override
    public NDArray forward(NDArray hidden, List<NDArray> skips, NDArray temb, NDArray context,
            Shape upsampleSize) {
        UpChannels.requireSkips(skips, resnets.size());
        return Scope.run(() -> {
            NDArray h = hidden;
            for (int i = 0; i < resnets.size(); i++) {
                NDArray skip = skips.get(skips.size() - 1 - i);
                h = resnets.get(i).forward(h.concat(skip, 1), temb);
                h = attentions.get(i).forward(h, context);
            }
            return upsampler == null ? h : upsampler.forward(h, upsampleSize);
        });
    }

    @Override
    public int numResnets() {
        return resnets.size();
    }
}
