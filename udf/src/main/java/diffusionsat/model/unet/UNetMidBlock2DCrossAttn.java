package diffusionsat.model.unet;

import ai.djl.ndarray.NDArray;
import diffusionsat.model.BlockList;
import diffusionsat.model.DiffusersBlock;
import diffusionsat.model.blocks.ResnetBlock2D;
import diffusionsat.model.blocks.Transformer2DModel;
import diffusionsat.model.ops.Scope;

/**
 * diffusers {@code UNetMidBlock2DCrossAttn} (unet_2d_blocks.py), one layer: {@code resnets.0} →
 * {@code attentions.0} → {@code resnets.1}, channels unchanged.
 */
public final class UNetMidBlock2DCrossAttn extends DiffusersBlock {
    private final BlockList<ResnetBlock2D> resnets;
    private final BlockList<Transformer2DModel> attentions;

    /** A block built from {@code s} (its {@code inChannels} are kept throughout). */
    public UNetMidBlock2DCrossAttn(BlockSettings s) {
        int channels = s.inChannels();
        resnets = childList("resnets", s.layers() + 1, i -> s.resnet(channels, channels));
        attentions = childList("attentions", s.layers(), i -> s.transformer(channels));
    }

    /** (B, C, H, W), temb (B, D), context (B, M, E) -> (B, C, H, W). */
    public NDArray forward(NDArray hidden, NDArray temb, NDArray context) {
        return Scope.run(() -> {
            NDArray h = resnets.get(0).forward(hidden, temb);
            for (int i = 0; i < attentions.size(); i++) {
                h = resnets.get(i + 1).forward(attentions.get(i).forward(h, context), temb);
            }
            return h;
        });
    }
}
