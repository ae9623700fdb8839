package diffusionsat.model.vae;

import ai.djl.ndarray.NDArray;
import diffusionsat.model.BlockList;
import diffusionsat.model.DiffusersBlock;
import diffusionsat.model.blocks.ResnetBlock2D;
import diffusionsat.model.blocks.TimeScaleShift;
import diffusionsat.model.ops.ActivationFunction;
import diffusionsat.model.ops.Scope;

/**
 * diffusers {@code UNetMidBlock2D} as the VAE builds it (vae.py): {@code resnets.0} →
 * {@code attentions.0} (legacy single-head AttentionBlock) → {@code resnets.1}; no time embedding,
 * eps 1e-6.
 */
public final class UNetMidBlock2D extends DiffusersBlock {
    private final BlockList<ResnetBlock2D> resnets;
    private final BlockList<AttentionBlock> attentions;

    /** A mid block over {@code channels}. */
    public UNetMidBlock2D(int channels, int groups, ActivationFunction act) {
        ResnetBlock2D.Settings resnet = new ResnetBlock2D.Settings(channels, channels, 0, groups,
                Vae.EPS, act, TimeScaleShift.DEFAULT, 1f);
        resnets = childList("resnets", 2, i -> new ResnetBlock2D(resnet));
        attentions = childList("attentions", 1,
                i -> new AttentionBlock(channels, groups, Vae.EPS));
    }

    /** (B, C, H, W) -> (B, C, H, W). */
    public NDArray forward(NDArray x) {
        return Scope.run(() -> resnets.get(1).forward(
                attentions.get(0).forward(resnets.get(0).forward(x, null)), null));
    }
}
