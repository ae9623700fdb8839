package diffusionsat.model.unet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import diffusionsat.model.BlockList;
import diffusionsat.model.blocks.Downsample2D;
import diffusionsat.model.blocks.ResnetBlock2D;
import diffusionsat.model.blocks.Transformer2DModel;
import diffusionsat.model.ops.Scope;

/**
 * diffusers {@code CrossAttnDownBlock2D} (unet_2d_blocks.py): pairs of {@code resnets.i} →
 * {@code attentions.i} (Transformer2DModel with text cross-attention), then an optional
 * {@code downsamplers.0}; the output of every pair and of the downsampler is a skip.
 */
public final class CrossAttnDownBlock2D extends UNetDownBlock {
    private final BlockList<ResnetBlock2D> resnets;
    private final BlockList<Transformer2DModel> attentions;
    private final Downsample2D downsampler;

    /** A block built from {@code s}. */
    public CrossAttnDownBlock2D(BlockSettings s) {
        resnets = childList("resnets", s.layers(),
                i -> s.resnet(i == 0 ? s.inChannels() : s.outChannels(), s.outChannels()));
        attentions = childList("attentions", s.layers(), i -> s.transformer(s.outChannels()));
        downsampler = s.addSampler() ? childList("downsamplers", 1, i -> new Downsample2D(
                s.outChannels(), s.outChannels(), s.downsamplePadding())).get(0) : null;
    }

    @Override
    public NDList forward(NDArray hidden, NDArray temb, NDArray context) {
        return Scope.runAll(() -> {
            NDList skips = new NDList();
            NDArray h = hidden;
            for (int i = 0; i < resnets.size(); i++) {
                h = attentions.get(i).forward(resnets.get(i).forward(h, temb), context);
                skips.add(h);
            }
            if (downsampler != null) {
                skips.add(downsampler.forward(h));
            }
            return skips;
        });
    }

    @Override
    public int numSkips() {
        return resnets.size() + (downsampler == null ? 0 : 1);
    }
}
