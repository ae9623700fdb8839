package diffusionsat.model.controlnet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import diffusionsat.model.BlockList;
import diffusionsat.model.DiffusersBlock;
import diffusionsat.model.ForwardProbe;
import diffusionsat.model.UNetConfig;
import diffusionsat.model.embeddings.MetadataEmbedding;
import diffusionsat.model.embeddings.TimestepEmbedding;
import diffusionsat.model.embeddings.Timesteps;
import diffusionsat.model.ops.Conv2d;
import diffusionsat.model.ops.Conv3d;
import diffusionsat.model.ops.Scope;
import diffusionsat.model.unet.AdditionalResiduals;
import diffusionsat.model.unet.SatUNet;
import diffusionsat.model.unet.UNetDownBlock;
import diffusionsat.model.unet.UNetInputs;
import diffusionsat.model.unet.UNetMidBlock2DCrossAttn;
import diffusionsat.model.unet.UNetParts;
import java.util.ArrayList;
import java.util.List;

/**
 * DiffusionSat's {@code ControlNetModel3D} (diffusionsat/controlnet_3d.py; DIFFUSIONSAT.md
 * §3.2): a ControlNet over T conditioning frames whose residuals are summed over the frames.
 *
 * <p>Forward: the Conv3d conditioning embedding maps (B, Cin, T, H, W) to (B, C0, T, h, w); the
 * 2D trunk (conv_in, down blocks, mid block, shared weights) runs on the B·T frames, each frame
 * with its own embedding time_embedding(sin(t)) + Σᵢ metadata MLPᵢ(target mᵢ) + Σᵢ metadata
 * MLPᵢ(frame's conditioning mᵢ) and the clip's text; each skip goes back to (B, C, T, h, w)
 * through the zero-initialised Conv3d 1×1×1 {@code controlnet_down_blocks.i}, is mixed over
 * frames by temporal transformer i where there is one (y ← α·TT(y) + (1 − α)·y, α =
 * clamp({@code mixing_attns.i}, 0, 1)), and is summed over T; the mid output goes through {@code
 * controlnet_mid_block} and is summed over T; all times the forward conditioning scale.
 *
 * <p>Dimensions: B batch, T conditioning frames (frame index b·T + t), h×w latent size.
 */
public final class ControlNetModel3D extends DiffusersBlock implements ControlNet {
    private final ControlNet3DConfig config;
    private final Conv2d convIn;
    private final Timesteps timeProj;
    private final TimestepEmbedding timeEmbedding;
    private final MetadataEmbedding metadataEmbedding;
    private final ControlNetConditioningEmbedding3D controlnetCondEmbedding;
    private final BlockList<UNetDownBlock> downBlocks;
    private final BlockList<Conv3d> controlnetDownBlocks;
    private final TemporalBlocks temporalBlocks;
    private final MixingAttentions mixingAttns;
    private final UNetMidBlock2DCrossAttn midBlock;
    private final Conv3d controlnetMidBlock;

    /** The block tree of {@code config}; no native memory until {@link #load}. */
    public ControlNetModel3D(ControlNet3DConfig config) {
        this.config = config;
        UNetConfig trunk = config.trunk();
        List<Integer> channels = trunk.blockOutChannels();
        convIn = child("conv_in", UNetParts.convIn(trunk));
        timeProj = UNetParts.timeProjection(trunk); // time_proj has no parameters
        timeEmbedding = child("time_embedding", UNetParts.timeEmbedding(trunk));
        metadataEmbedding = trunk.useMetadata()
                ? child("metadata_embedding", UNetParts.metadataEmbedding(trunk)) : null;
        controlnetCondEmbedding = child("controlnet_cond_embedding",
                new ControlNetConditioningEmbedding3D(config.conditioningInChannels(),
                        config.conditioningEmbeddingOutChannels(), channels.get(0)));
        downBlocks = child("down_blocks", UNetParts.downBlocks(trunk));
        List<Integer> skipChannels = ControlNetConfigs.skipChannels(trunk);
        controlnetDownBlocks = childList("controlnet_down_blocks", skipChannels.size(),
                i -> new Conv3d(skipChannels.get(i), skipChannels.get(i), 1));
        temporalBlocks = config.useTemporalTransformer()
                ? child("temporal_blocks", new TemporalBlocks(config)) : null;
        mixingAttns = config.useTemporalTransformer()
                ? child("mixing_attns", new MixingAttentions(skipChannels.size())) : null;
        midBlock = child("mid_block", UNetParts.midBlock(trunk));
        int last = channels.get(channels.size() - 1);
        controlnetMidBlock = child("controlnet_mid_block", new Conv3d(last, last, 1));
    }

    /** The architecture this tree was built from. */
    public ControlNet3DConfig config() {
        return config;
    }

    /**
     * @param in the UNet's inputs for B clips; {@code controlnetCond} (B, Cin, T, H, W);
     *     {@code condMetadata} (B, M, T) per frame, (B, M) for all frames, or null
     * @param probe receives {@code time_embedding} and {@code metadata_embedding.i} (per clip),
     *     {@code conv_in} (per clip, before the condition is added), {@code
     *     controlnet_cond_embedding} (B, C0, T, h, w), {@code down_blocks.i} and {@code mid_block}
     *     (per frame), {@code temporal_blocks.i} (per frame, before mixing)
     * @return one residual per UNet skip plus the mid block's, each (B, C, h, w)
     */
    @Override
    public AdditionalResiduals forward(ControlNetInputs in, ResidualScaling scaling,
            ForwardProbe probe) {
        UNetInputs unet = in.unet();
        requireShapes(in);
        int frames = Math.toIntExact(in.controlnetCond().getShape().get(2));
        NDList residuals = Scope.runAll(() -> {
            DataType type = dataType();
            NDArray sample = unet.sample().toType(type, false);
            NDArray context = Frames.repeatInterleave(
                    unet.encoderHiddenStates().toType(type, false), frames); // (B·T, M, E)
            long batch = sample.getShape().get(0);
            // The per-clip embedding repeated per frame equals upstream's MLPs over repeated rows.
            NDArray emb = Frames.repeatInterleave(SatUNet.embed(timeProj, timeEmbedding,
                    metadataEmbedding, unet.timesteps(), unet.metadata(), batch, type, probe),
                    frames); // (B·T, D)
            if (in.condMetadata() != null) {
                emb = ConditioningMetadata.addPerFrame(emb, in.condMetadata(), frames,
                        metadataEmbedding, timeProj, type);
            }
            NDArray h = convIn.forward(sample); // (B, C0, h, w)
            probe.record("conv_in", h);
            NDArray condition = controlnetCondEmbedding.forward(
                    in.controlnetCond().toType(type, false)); // (B, C0, T, h, w)
            probe.record("controlnet_cond_embedding", condition);
            h = Frames.repeatInterleave(h, frames)
                    .add(Frames.toFrames(condition)); // (B·T, C0, h, w)
            List<NDArray> skips = SatUNet.runDownPath(downBlocks, h, emb, context, probe);
            NDArray mid = midBlock.forward(skips.get(skips.size() - 1), emb, context);
            probe.record("mid_block", mid);
            List<NDArray> down = new ArrayList<>();
            for (int i = 0; i < skips.size(); i++) {
                NDArray y = controlnetDownBlocks.get(i).forward(
                        Frames.toVolume(skips.get(i), frames)); // (B, C, T, h, w)
                down.add(mixFrames(i, y, frames, probe).sum(new int[] {2})); // (B, C, h, w)
            }
            NDArray midResidual = controlnetMidBlock.forward(Frames.toVolume(mid, frames))
                    .sum(new int[] {2}); // (B, C, h, w)
            return scaling.apply(down, midResidual);
        });
        return ResidualScaling.split(residuals);
    }

    /** y, or α·TT(y) + (1 − α)·y where slot {@code i} holds a temporal transformer TT. */
    private NDArray mixFrames(int slot, NDArray y, int frames, ForwardProbe probe) {
        TransformerTemporalModel transformer = temporalBlocks == null ? null
                : temporalBlocks.get(slot);
        if (transformer == null) {
            return y;
        }
        NDArray mixed = transformer.forward(Frames.toFrames(y), frames); // (B·T, C, h, w)
        probe.record("temporal_blocks." + slot, mixed);
        float alpha = mixingAttns.alpha(slot);
        return Frames.toVolume(mixed, frames).mul(alpha).add(y.mul(1 - alpha));
    }

    private void requireShapes(ControlNetInputs in) {
        UNetConfig trunk = config.trunk();
        UNetInputs unet = in.unet();
        ConditioningMetadata.requireMetadata(trunk, in);
        Shape sample = unet.sample().getShape();
        Shape cond = in.controlnetCond().getShape();
        long factor = config.conditioningDownsampling();
        if (cond.dimension() != 5 || cond.get(0) != sample.get(0)
                || cond.get(1) != config.conditioningInChannels()
                || cond.get(3) != sample.get(2) * factor || cond.get(4) != sample.get(3) * factor) {
            throw new IllegalArgumentException("conditioning frames must be (" + sample.get(0)
                    + ", " + config.conditioningInChannels() + ", T, " + sample.get(2) * factor
                    + ", " + sample.get(3) * factor + ") for latents " + sample + ", got " + cond);
        }
    }
}
