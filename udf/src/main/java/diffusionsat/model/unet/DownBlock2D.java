package diffusionsat.model.unet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import diffusionsat.model.BlockList;
import diffusionsat.model.blocks.Downsample2D;
import diffusionsat.model.blocks.ResnetBlock2D;
import diffusionsat.model.ops.Scope;

/**
 * diffusers {@code DownBlock2D} (unet_2d_blocks.py): {@code resnets}, then an optional
 * {@code downsamplers.0}; every output is a skip.
 */
public final class DownBlock2D extends UNetDownBlock {
    private final BlockList<ResnetBlock2D> resnets;
    private final Downsample2D downsampler;

    /** A block built from {@code s}. */
    public DownBlock2D(BlockSettings s) {
        resnets = childList("resnets", s.layers(),
                i -> s.resnet(i == 0 ? s.inChannels() : s.outChannels(), s.outChannels()));
        downsampler = s.addSampler() ? childList("downsamplers", 1, i -> new Downsample2D(
                s.outChannels(), s.outChannels(), s.downsamplePadding())).get(0) : null;
    }

    @Override
    public NDList forward(NDArray hidden, NDArray temb, NDArray context) {
        return Scope.runAll(() -> {
            NDList skips = new NDList();
            NDArray h = hidden;
            for (ResnetBlock2D resnet : resnets) {
                h = resnet.forward(h, temb);
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
