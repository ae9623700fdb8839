package diffusionsat.model.blocks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import diffusionsat.model.DiffusersBlock;
import diffusionsat.model.ops.ActivationFunction;
import diffusionsat.model.ops.Conv2d;
import diffusionsat.model.ops.GroupNorm;
import diffusionsat.model.ops.Linear;
import diffusionsat.model.ops.Scope;

/**
 * diffusers {@code ResnetBlock2D} (resnet.py), pre-norm, no up/down sampling: GroupNorm → act →
 * conv1 (3×3) → + time_emb_proj(act(emb)) → GroupNorm → act → conv2 (3×3), plus the input (through
 * a 1×1 {@code conv_shortcut} when channels change), divided by the output scale factor
 * (DIFFUSIONSAT.md §2; reference MANIFEST fact 8). Without a time embedding (VAE) there is no
 * {@code time_emb_proj}.
 */
public final class ResnetBlock2D extends DiffusersBlock {
    private final ActivationFunction act;
    private final TimeScaleShift timeScaleShift;
    private final float outputScaleFactor;
    private final GroupNorm norm1;
    private final Conv2d conv1;
    private final Linear timeEmbProj;
    private final GroupNorm norm2;
    private final Conv2d conv2;
    private final Conv2d convShortcut;

    /** The block's construction settings. */
    public record Settings(int inChannels, int outChannels, int tembChannels, int groups,
            float eps, ActivationFunction act, TimeScaleShift timeScaleShift,
            float outputScaleFactor) {
        /** tembChannels 0 means: no time embedding (VAE blocks). */
        public Settings {
            if (tembChannels < 0) {
                throw new IllegalArgumentException("tembChannels " + tembChannels);
            }
        }
    }

    /** A block built from {@code settings}. */
    public ResnetBlock2D(Settings settings) {
        int in = settings.inChannels();
        int out = settings.outChannels();
        act = settings.act();
        timeScaleShift = settings.timeScaleShift();
        outputScaleFactor = settings.outputScaleFactor();
        norm1 = child("norm1", new GroupNorm(settings.groups(), in, settings.eps()));
        conv1 = child("conv1", new Conv2d(in, out, 3));
        int projected = timeScaleShift == TimeScaleShift.SCALE_SHIFT ? 2 * out : out;
        timeEmbProj = settings.tembChannels() == 0 ? null
                : child("time_emb_proj", new Linear(settings.tembChannels(), projected));
        norm2 = child("norm2", new GroupNorm(settings.groups(), out, settings.eps()));
        conv2 = child("conv2", new Conv2d(out, out, 3));
        convShortcut = in == out ? null : child("conv_shortcut", new Conv2d(in, out, 1, 1, 0));
    }

    /**
     * @param x (B, in, H, W)
     * @param temb (B, temb) or {@code null} for a block without time embedding
     * @return (B, out, H, W)
     */
    public NDArray forward(NDArray x, NDArray temb) {
        return Scope.run(() -> {
            NDArray h = conv1.forward(act.apply(norm1.forward(x)));
            NDArray t = timeEmbProj == null || temb == null ? null
                    : timeEmbProj.forward(act.apply(temb)) // (B, C)
                            .expandDims(2).expandDims(3); // (B, C, 1, 1)
            if (t != null && timeScaleShift == TimeScaleShift.DEFAULT) {
                h = h.add(t);
            }
            h = norm2.forward(h);
            if (t != null && timeScaleShift == TimeScaleShift.SCALE_SHIFT) {
                NDList scaleShift = t.split(2, 1);
                h = h.mul(scaleShift.get(0).add(1)).add(scaleShift.get(1));
            }
            h = conv2.forward(act.apply(h));
            NDArray shortcut = convShortcut == null ? x : convShortcut.forward(x);
            NDArray sum = h.addi(shortcut); // h is conv2's fresh output: no new array
            return outputScaleFactor == 1f ? sum : sum.divi(outputScaleFactor);
        });
    }
}
