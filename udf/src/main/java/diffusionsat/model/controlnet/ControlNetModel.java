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
 * DiffusionSat's 2D {@code ControlNetModel} (diffusionsat/controlnet.py; DIFFUSIONSAT.md §3.1):
 * a copy of the SatUNet's encoder that turns a conditioning image into residuals for the frozen
 * UNet's skips and mid block.
 *
 * <p>Forward: emb = time_embedding(sin(t)) + Σᵢ metadata_embedding.i(sin(mᵢ)) + the same MLPs
 * over the conditioning metadata; h = conv_in(z_t) + controlnet_cond_embedding(c); the down
 * blocks collect the skips; mid block; zero-initialised 1×1 convolutions {@code
 * controlnet_down_blocks.i} on each skip and {@code controlnet_mid_block} on the mid output; all
 * times the forward conditioning scale.
 *
 * <p>Dimensions: B batch, h×w latent size, H×W conditioning image size, M text tokens.
 */
public final class ControlNetModel extends DiffusersBlock implements ControlNet {
    private final ControlNetConfig config;
    private final Conv2d convIn;
    private final Timesteps timeProj;
    private final TimestepEmbedding timeEmbedding;
    private final MetadataEmbedding metadataEmbedding;
    private final ControlNetConditioningEmbedding controlnetCondEmbedding;
    private final BlockList<UNetDownBlock> downBlocks;
    private final BlockList<Conv2d> controlnetDownBlocks;
    private final UNetMidBlock2DCrossAttn midBlock;
    private final Conv2d controlnetMidBlock;

    /** The block tree of {@code config}; no native memory until {@link #load}. */
    public ControlNetModel(ControlNetConfig config) {
        this.config = config;
        UNetConfig trunk = config.trunk();
        List<Integer> channels = trunk.blockOutChannels();
        convIn = child("conv_in", UNetParts.convIn(trunk));
        timeProj = UNetParts.timeProjection(trunk); // time_proj has no parameters
        timeEmbedding = child("time_embedding", UNetParts.timeEmbedding(trunk));
        metadataEmbedding = trunk.useMetadata()
                ? child("metadata_embedding", UNetParts.metadataEmbedding(trunk)) : null;
        controlnetCondEmbedding = child("controlnet_cond_embedding",
                new ControlNetConditioningEmbedding(config.conditioningInChannels(),
                        config.conditioningEmbeddingOutChannels(), config.conditioningStrides(),
                        channels.get(0)));
        downBlocks = child("down_blocks", UNetParts.downBlocks(trunk));
        List<Integer> skipChannels = ControlNetConfigs.skipChannels(trunk);
        controlnetDownBlocks = childList("controlnet_down_blocks", skipChannels.size(),
                i -> new Conv2d(skipChannels.get(i), skipChannels.get(i), 1));
        midBlock = child("mid_block", UNetParts.midBlock(trunk));
        int last = channels.get(channels.size() - 1);
        controlnetMidBlock = child("controlnet_mid_block", new Conv2d(last, last, 1));
    }

    /** The architecture this tree was built from. */
    public ControlNetConfig config() {
        return config;
    }

    /**
     * @param probe receives {@code time_embedding}, {@code metadata_embedding.i}, {@code conv_in}
     *     (before the condition is added), {@code controlnet_cond_embedding}, {@code
     *     down_blocks.i} and {@code mid_block}
     * @return one residual per UNet skip plus the mid block's
     */
    @Override
    public AdditionalResiduals forward(ControlNetInputs in, ResidualScaling scaling,
            ForwardProbe probe) {
        UNetInputs unet = in.unet();
        requireShapes(in);
        NDList residuals = Scope.runAll(() -> {
            DataType type = dataType();
            NDArray sample = unet.sample().toType(type, false);
            NDArray context = unet.encoderHiddenStates().toType(type, false);
            long batch = sample.getShape().get(0);
            NDArray emb = SatUNet.embed(timeProj, timeEmbedding, metadataEmbedding,
                    unet.timesteps(), unet.metadata(), batch, type, probe); // (B, D)
            if (in.condMetadata() != null) {
                emb = ConditioningMetadata.addSummedOverFrames(emb, in.condMetadata(),
                        metadataEmbedding, timeProj, type);
            }
            NDArray h = convIn.forward(sample); // (B, C0, h, w)
            probe.record("conv_in", h);
            NDArray condition = controlnetCondEmbedding.forward(
                    in.controlnetCond().toType(type, false)); // (B, C0, h, w)
            probe.record("controlnet_cond_embedding", condition);
            List<NDArray> skips = SatUNet.runDownPath(downBlocks, h.add(condition), emb, context,
                    probe);
            NDArray mid = midBlock.forward(skips.get(skips.size() - 1), emb, context);
            probe.record("mid_block", mid);
            List<NDArray> down = new ArrayList<>();
            for (int i = 0; i < skips.size(); i++) {
                down.add(controlnetDownBlocks.get(i).forward(skips.get(i)));
            }
            return scaling.apply(down, controlnetMidBlock.forward(mid));
        });
        return ResidualScaling.split(residuals);
    }

    private void requireShapes(ControlNetInputs in) {
        UNetConfig trunk = config.trunk();
        UNetInputs unet = in.unet();
        ConditioningMetadata.requireMetadata(trunk, in);
        Shape sample = unet.sample().getShape();
        Shape cond = in.controlnetCond().getShape();
        long factor = config.conditioningDownsampling();
        if (cond.dimension() != 4 || cond.get(0) != sample.get(0)
                || cond.get(1) != config.conditioningInChannels()
                || cond.get(2) != sample.get(2) * factor || cond.get(3) != sample.get(3) * factor) {
            throw new IllegalArgumentException("conditioning image must be (" + sample.get(0)
                    + ", " + config.conditioningInChannels() + ", " + sample.get(2) * factor
                    + ", " + sample.get(3) * factor + ") for latents " + sample
                    + " (config conditioning_scale " + config.conditioningScale() + "), got "
                    + cond);
        }
    }
}
