package diffusionsat.model.unet;

import diffusionsat.model.UNetConfig;
import diffusionsat.model.blocks.BasicTransformerBlock;
import diffusionsat.model.blocks.ResnetBlock2D;
import diffusionsat.model.blocks.TimeScaleShift;
import diffusionsat.model.blocks.Transformer2DModel;
import diffusionsat.model.ops.ActivationFunction;

/**
 * What one UNet level's block needs from the config (the arguments diffusers'
 * {@code get_down_block} / {@code get_up_block} pass), resolved for that level.
 *
 * @param inChannels input channels (down, mid) or the skip channels of the deepest resnet (up)
 * @param prevOutputChannels channels arriving from the level below (up blocks only)
 * @param layers resnets in the block (up blocks: layers_per_block + 1)
 * @param addSampler whether the block ends with a Downsample2D / Upsample2D
 * @param heads attention heads of the block's transformers (config {@code attention_head_dim})
 */
public record BlockSettings(int inChannels, int outChannels, int prevOutputChannels,
        int tembChannels, int layers, int groups, float eps, ActivationFunction act,
        TimeScaleShift timeScaleShift, float outputScaleFactor, boolean addSampler,
        int downsamplePadding, int heads, int crossAttentionDim, boolean linearProjection,
        boolean onlyCrossAttention, boolean upcastAttention) {

    /** Down block {@code level} of {@code config}. */
    public static BlockSettings down(UNetConfig config, int level) {
        int out = config.blockOutChannels().get(level);
        int in = level == 0 ? out : config.blockOutChannels().get(level - 1);
        return new BlockSettings(in, out, 0, config.timeEmbedDim(), config.layersPerBlock(),
                config.normNumGroups(), config.normEps(), config.actFn(),
                config.resnetTimeScaleShift(), 1f, level < config.numBlocks() - 1,
                config.downsamplePadding(), config.attentionHeads().get(level),
                config.crossAttentionDim(), config.useLinearProjection(),
                config.onlyCrossAttention().get(level), config.upcastAttention());
    }

    /** The mid block of {@code config} (its transformer uses the last level's heads). */
    public static BlockSettings mid(UNetConfig config) {
        int last = config.numBlocks() - 1;
        int channels = config.blockOutChannels().get(last);
        return new BlockSettings(channels, channels, 0, config.timeEmbedDim(), 1,
                config.normNumGroups(), config.normEps(), config.actFn(),
                config.resnetTimeScaleShift(), config.midBlockScaleFactor(), false, 0,
                config.attentionHeads().get(last), config.crossAttentionDim(),
                config.useLinearProjection(), false, config.upcastAttention());
    }

    /** Up block {@code index} (0 = deepest) of {@code config}: lists are read reversed. */
    public static BlockSettings up(UNetConfig config, int index) {
        int last = config.numBlocks() - 1;
        int out = config.blockOutChannels().get(last - index);
        int prev = config.blockOutChannels().get(last - Math.max(index - 1, 0));
        int skip = config.blockOutChannels().get(last - Math.min(index + 1, last));
        return new BlockSettings(skip, out, prev, config.timeEmbedDim(),
                config.layersPerBlock() + 1, config.normNumGroups(), config.normEps(),
                config.actFn(), config.resnetTimeScaleShift(), 1f, index < last, 0,
                config.attentionHeads().get(last - index), config.crossAttentionDim(),
                config.useLinearProjection(), config.onlyCrossAttention().get(last - index),
                config.upcastAttention());
    }

    /** A ResNet of this level from {@code in} to {@code out} channels. */
    public ResnetBlock2D resnet(int in, int out) {
        return new ResnetBlock2D(new ResnetBlock2D.Settings(in, out, tembChannels, groups, eps,
                act, timeScaleShift, outputScaleFactor));
    }

    /**
     * A Transformer2DModel over {@code channels}: {@code heads} heads of dimension
     * channels / heads (diffusers 0.17: {@code attention_head_dim} is the head count).
     */
    public Transformer2DModel transformer(int channels) {
        int headDim = channels / heads;
        return new Transformer2DModel(channels, groups, linearProjection,
                new BasicTransformerBlock.Settings(heads * headDim, heads, headDim,
                        crossAttentionDim, onlyCrossAttention, false, upcastAttention));
    }
}
