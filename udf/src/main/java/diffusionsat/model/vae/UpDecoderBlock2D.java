package diffusionsat.model.vae;

import ai.djl.ndarray.NDArray;
import diffusionsat.model.BlockList;
import diffusionsat.model.DiffusersBlock;
import diffusionsat.model.blocks.ResnetBlock2D;
import diffusionsat.model.blocks.TimeScaleShift;
import diffusionsat.model.blocks.Upsample2D;
import diffusionsat.model.ops.ActivationFunction;
import diffusionsat.model.ops.Scope;

/**
 * diffusers {@code UpDecoderBlock2D} (unet_2d_blocks.py): {@code resnets} without time
 * embedding, then an optional {@code upsamplers.0} (nearest ×2 + conv).
 */
public final class UpDecoderBlock2D extends DiffusersBlock {
    private final BlockList<ResnetBlock2D> resnets;
    private final Upsample2D upsampler;

    /** A block from {@code in} to {@code out} channels with {@code layers} resnets. */
    public UpDecoderBlock2D(int in, int out, int layers, int groups, ActivationFunction act,
            boolean addUpsample) {
        resnets = childList("resnets", layers, i -> new ResnetBlock2D(new ResnetBlock2D.Settings(
                i == 0 ? in : out, out, 0, groups, Vae.EPS, act, TimeScaleShift.DEFAULT, 1f)));
        upsampler = addUpsample
                ? childList("upsamplers", 1, i -> new Upsample2D(out, out)).get(0) : null;
    }

    /** (B, in, H, W) -> (B, out, H', W'). */
    public NDArray forward(NDArray x) {
        return Scope.run(() -> {
            NDArray h = x;
            for (ResnetBlock2D resnet : resnets) {
                h = resnet.forward(h, null);
            }
            return upsampler == null ? h : upsampler.forward(h, null);
        });
    }
}
