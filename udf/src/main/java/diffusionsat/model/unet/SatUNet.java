package diffusionsat.model.unet;

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
import diffusionsat.model.ops.GroupNorm;
import diffusionsat.model.ops.Scope;
import java.util.ArrayList;
import java.util.List;

/**
 * DiffusionSat's {@code SatUNet} (diffusionsat/sat_unet.py; DIFFUSIONSAT.md §1-§2): the SD
 * UNet2DConditionModel whose time embedding also sums one MLP per metadata field. With
 * {@code use_metadata = false} it is the stock UNet2DConditionModel.
 *
 * <p>Forward: emb = time_embedding(sin(t)) + Σᵢ metadata_embedding.i(sin(mᵢ)); conv_in; the down
 * blocks collect skips (conv_in output, each resnet/attention pair, each downsampler); mid block;
 * ControlNet residuals, if any, are added to the skips and to the mid output; the up blocks
 * consume the skips from the last; GroupNorm → act → conv_out.
 *
 * <p>Dimensions: B batch, C channels, h×w latent size, M text tokens, D = 4·C0 embedding width.
 */
public final class SatUNet extends DiffusersBlock {
    private final UNetConfig config;
    private final Conv2d convIn;
    private final Timesteps timeProj;
    private final TimestepEmbedding timeEmbedding;
    private final MetadataEmbedding metadataEmbedding;
    private final BlockList<UNetDownBlock> downBlocks;
    private final UNetMidBlock2DCrossAttn midBlock;
    private final BlockList<UNetUpBlock> upBlocks;
    private final GroupNorm convNormOut;
    private final Conv2d convOut;

    /** The block tree of {@code config}; no native memory until {@link #load}. */
    public SatUNet(UNetConfig config) {
        this.config = config;
        int c0 = config.blockOutChannels().get(0);
        convIn = child("conv_in", UNetParts.convIn(config));
        timeProj = UNetParts.timeProjection(config); // time_proj has no parameters
        timeEmbedding = child("time_embedding", UNetParts.timeEmbedding(config));
        metadataEmbedding = config.useMetadata()
                ? child("metadata_embedding", UNetParts.metadataEmbedding(config)) : null;
        downBlocks = child("down_blocks", UNetParts.downBlocks(config));
        midBlock = child("mid_block", UNetParts.midBlock(config));
        upBlocks = child("up_blocks", UNetParts.upBlocks(config));
        convNormOut = child("conv_norm_out",
                new GroupNorm(config.normNumGroups(), c0, config.normEps()));
        convOut = child("conv_out", new Conv2d(c0, config.outChannels(), config.convOutKernel()));
    }

    /** The architecture this tree was built from. */
    public UNetConfig config() {
        return config;
    }

    /** The predicted v (or ε) for {@code in}, without ControlNet residuals. */
    public NDArray forward(UNetInputs in) {
        return forward(in, null, ForwardProbe.NONE);
    }

    /**
     * @param in the call's inputs
     * @param residuals ControlNet residuals, or {@code null}
     * @param probe receives the outputs of {@code time_embedding}, {@code metadata_embedding.i},
     *     {@code conv_in}, {@code down_blocks.i}, {@code mid_block}, {@code up_blocks.i},
     *     {@code conv_out}
     * @return (B, out_channels, h, w) in the model's element type, in the sample's manager
     */
    public NDArray forward(UNetInputs in, AdditionalResiduals residuals, ForwardProbe probe) {
        requireShapes(in, residuals);
        return Scope.run(() -> {
            DataType type = dataType();
            NDArray sample = in.sample().toType(type, false);
            if (config.centerInputSample()) {
                sample = sample.mul(2).sub(1);
            }
            NDArray context = in.encoderHiddenStates().toType(type, false);
            NDArray emb = embed(timeProj, timeEmbedding, metadataEmbedding, in.timesteps(),
                    in.metadata(), sample.getShape().get(0), type, probe);
            NDArray h = convIn.forward(sample);
            probe.record("conv_in", h);
            List<NDArray> skips = runDownPath(downBlocks, h, emb, context, probe);
            // The mid block takes the down path's output before any residual is added.
            NDArray downOutput = skips.get(skips.size() - 1);
            if (residuals != null) {
                for (int i = 0; i < skips.size(); i++) {
                    skips.set(i, skips.get(i).add(residuals.down().get(i)));
                }
            }
            h = midBlock.forward(downOutput, emb, context);
            probe.record("mid_block", h);
            if (residuals != null) {
                h = h.add(residuals.mid());
            }
            h = runUpPath(h, skips, emb, context, probe);
            NDArray out = convOut.forward(config.actFn().apply(convNormOut.forward(h)));
            probe.record("conv_out", out);
            return out;
        });
    }

    /**
     * The time embedding every ResNet receives (sat_unet.py:524-557): time_embedding(sin(t)),
     * plus each metadata MLP's output when {@code metadataEmbedding} is not null. Sinusoids are
     * float32 and cast to {@code type} before the MLPs, as upstream.
     *
     * @param timesteps (B), or one value broadcast to {@code batch}
     * @param metadata (B, num_metadata), or null when {@code metadataEmbedding} is null
     * @return (B, D)
     */
    public static NDArray embed(Timesteps timeProj, TimestepEmbedding timeEmbedding,
            MetadataEmbedding metadataEmbedding, NDArray timesteps, NDArray metadata, long batch,
            DataType type, ForwardProbe probe) {
        return Scope.run(() -> {
            NDArray t = timesteps.size() == 1 && batch > 1
                    ? timesteps.reshape(1).broadcast(batch) : timesteps.reshape(-1);
            NDArray emb = timeEmbedding.forward(timeProj.project(t).toType(type, false));
            probe.record("time_embedding", emb);
            return metadataEmbedding == null ? emb
                    : metadataEmbedding.addTo(emb, metadata, timeProj, type, probe);
        });
    }

    /**
     * Runs the down blocks after conv_in, collecting the skips.
     *
     * @param convInOutput (B, C0, h, w)
     * @return the skips in order: conv_in's output first, then each block's; the last is the
     *     down path's output
     */
    public static List<NDArray> runDownPath(BlockList<UNetDownBlock> downBlocks,
            NDArray convInOutput, NDArray emb, NDArray context, ForwardProbe probe) {
        List<NDArray> skips = new ArrayList<>();
        skips.add(convInOutput);
        NDArray h = convInOutput;
        for (int i = 0; i < downBlocks.size(); i++) {
            NDList blockSkips = downBlocks.get(i).forward(h, emb, context);
            skips.addAll(blockSkips);
            h = blockSkips.get(blockSkips.size() - 1);
            probe.record("down_blocks." + i, h);
        }
        return skips;
    }

    private NDArray runUpPath(NDArray hidden, List<NDArray> skips, NDArray emb, NDArray context,
            ForwardProbe probe) {
        // Forward explicit sizes when the latent is not a multiple of the total upsampling
        // factor, so each upsampler matches its skip (unet_2d_condition.py, upsample_size).
        long factor = 1L << (config.numBlocks() - 1);
        Shape latent = skips.get(0).getShape();
        boolean forwardSize = latent.get(2) % factor != 0 || latent.get(3) % factor != 0;
        NDArray h = hidden;
        List<NDArray> remaining = new ArrayList<>(skips);
        for (int i = 0; i < upBlocks.size(); i++) {
            UNetUpBlock block = upBlocks.get(i);
            int from = remaining.size() - block.numResnets();
            List<NDArray> used = new ArrayList<>(remaining.subList(from, remaining.size()));
            remaining.subList(from, remaining.size()).clear();
            Shape size = forwardSize && !remaining.isEmpty()
                    ? remaining.get(remaining.size() - 1).getShape().slice(2) : null;
            h = block.forward(h, used, emb, context, size);
            probe.record("up_blocks." + i, h);
        }
        return h;
    }

    private void requireShapes(UNetInputs in, AdditionalResiduals residuals) {
        if (config.useMetadata() && in.metadata() == null) {
            throw new IllegalArgumentException("this SatUNet needs metadata (B, "
                    + config.numMetadata() + ")");
        }
        if (residuals != null && residuals.down().size() != config.numSkips()) {
            throw new IllegalArgumentException("expected " + config.numSkips()
                    + " down residuals, got " + residuals.down().size());
        }
    }
}
