package diffusionsat.model.vae;

import ai.djl.ndarray.NDArray;
import diffusionsat.model.BlockList;
import diffusionsat.model.DiffusersBlock;
import diffusionsat.model.blocks.Downsample2D;
import diffusionsat.model.blocks.ResnetBlock2D;
import diffusionsat.model.blocks.TimeScaleShift;
import diffusionsat.model.ops.ActivationFunction;
import diffusionsat.model.ops.Scope;

/**
 * diffusers {@code DownEncoderBlock2D} (unet_2d_blocks.py): {@code resnets} without time
 * embedding, then an optional {@code downsamplers.0} with padding 0 (the encoder's
 * {@code downsample_padding}: asymmetric right/bottom pad, vae.py).
 */
public final class DownEncoderBlock2D extends DiffusersBlock {
    private final BlockList<ResnetBlock2D> resnets;
    private final Downsample2D downsampler;

    /** A block from {@code in} to {@code out} channels with {@code layers} resnets. */
    public DownEncoderBlock2D(int in, int out, int layers, int groups, ActivationFunction act,
            boolean addDownsample) {
        resnets = childList("resnets", layers, i -> new ResnetBlock2D(new ResnetBlock2D.Settings(
                i == 0 ? in : out, out, 0, groups, Vae.EPS, act, TimeScaleShift.DEFAULT, 1f)));
        downsampler = addDownsample
                ? childList("downsamplers", 1, i -> new Downsample2D(out, out, 0)).get(0) : null;
    }

    /** (B, in, H, W) -> (B, out, H', W'). */
    public NDArray forward(NDArray x) {
        return Scope.run(() -> {
            NDArray h = x;
            for (ResnetBlock2D resnet : resnets) {
                h = resnet.forward(h, null);
            }
            return downsampler == null ? h : downsampler.forward(h);
        });
    }
}
