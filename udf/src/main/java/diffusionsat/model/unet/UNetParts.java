package diffusionsat.model.unet;

import diffusionsat.model.BlockList;
import diffusionsat.model.UNetConfig;
import diffusionsat.model.embeddings.MetadataEmbedding;
import diffusionsat.model.embeddings.TimestepEmbedding;
import diffusionsat.model.embeddings.Timesteps;
import diffusionsat.model.ops.Conv2d;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the pieces of a SatUNet from its config. The ControlNets (controlnet.py, {@code
 * from_unet}) hold copies of {@code conv_in}, {@code time_embedding}, {@code metadata_embedding},
 * {@code down_blocks} and {@code mid_block} under the same names: they build them here and run
 * them with {@link SatUNet#embed} and {@link SatUNet#runDownPath}.
 */
public final class UNetParts {
    private UNetParts() {}

    /** {@code conv_in}: in_channels → block_out_channels[0], kernel conv_in_kernel. */
    public static Conv2d convIn(UNetConfig config) {
        return new Conv2d(config.inChannels(), config.blockOutChannels().get(0),
                config.convInKernel());
    }

    /** {@code time_proj}: the parameterless sinusoid of width block_out_channels[0]. */
    public static Timesteps timeProjection(UNetConfig config) {
        return new Timesteps(config.blockOutChannels().get(0), config.flipSinToCos(),
                config.freqShift());
    }

    /** {@code time_embedding}: C0 → 4·C0 → 4·C0. */
    public static TimestepEmbedding timeEmbedding(UNetConfig config) {
        return new TimestepEmbedding(config.blockOutChannels().get(0), config.timeEmbedDim(),
                config.actFn(), config.timestepPostAct());
    }

    /** {@code metadata_embedding}: num_metadata MLPs C0 → 4·C0 → 4·C0 (SiLU, as upstream). */
    public static MetadataEmbedding metadataEmbedding(UNetConfig config) {
        return new MetadataEmbedding(config.numMetadata(), config.blockOutChannels().get(0),
                config.timeEmbedDim());
    }

    /** {@code down_blocks}. */
    public static BlockList<UNetDownBlock> downBlocks(UNetConfig config) {
        List<UNetDownBlock> blocks = new ArrayList<>();
        for (int level = 0; level < config.numBlocks(); level++) {
            BlockSettings settings = BlockSettings.down(config, level);
            blocks.add(switch (config.downBlockTypes().get(level)) {
                case CROSS_ATTN_DOWN_BLOCK_2D -> new CrossAttnDownBlock2D(settings);
                case DOWN_BLOCK_2D -> new DownBlock2D(settings);
            });
        }
        return BlockList.of(blocks);
    }

    /** {@code mid_block}. */
    public static UNetMidBlock2DCrossAttn midBlock(UNetConfig config) {
        return new UNetMidBlock2DCrossAttn(BlockSettings.mid(config));
    }

    /** {@code up_blocks}, deepest first. */
    public static BlockList<UNetUpBlock> upBlocks(UNetConfig config) {
        List<UNetUpBlock> blocks = new ArrayList<>();
        for (int index = 0; index < config.numBlocks(); index++) {
            BlockSettings settings = BlockSettings.up(config, index);
            blocks.add(switch (config.upBlockTypes().get(index)) {
                case CROSS_ATTN_UP_BLOCK_2D -> new CrossAttnUpBlock2D(settings);
                case UP_BLOCK_2D -> new UpBlock2D(settings);
            });
        }
        return BlockList.of(blocks);
    }
}
