package diffusionsat.model.controlnet;

import com.fasterxml.jackson.databind.JsonNode;
import diffusionsat.io.ConfigException;
import diffusionsat.model.ConfigJson;
import diffusionsat.model.UNetConfig;
import java.util.List;

/**
 * Architecture of DiffusionSat's {@code ControlNetModel3D} (diffusionsat/controlnet_3d.py;
 * DIFFUSIONSAT.md §3.2), as {@code controlnet/config.json} gives it.
 *
 * <p>Upstream hard-codes the slot-0 temporal transformer at 8 heads × 64; here it is {@code
 * firstTemporalBlock}, read from the extension keys {@code temporal_block_0_num_attention_heads}
 * and {@code temporal_block_0_attention_head_dim} (absent in upstream configs: 8 and 64). Its
 * GroupNorm keeps upstream's default of 32 groups.
 *
 * @param trunk the UNet whose conv_in, time and metadata MLPs, down blocks and mid block the
 *     ControlNet copies ({@code from_unet}); its up-path fields are never used
 * @param conditioningInChannels channels of each conditioning frame
 * @param conditioningEmbeddingOutChannels channels of the Conv3d conditioning embedding's stages;
 *     every stage halves H and W
 * @param useTemporalTransformer whether temporal transformers mix the frames of skips 0 and of
 *     each downsampler before the sum over frames ({@code use_temporal_transformer})
 * @param firstTemporalBlock heads of the slot-0 temporal transformer
 */
public record ControlNet3DConfig(UNetConfig trunk, int conditioningInChannels,
        List<Integer> conditioningEmbeddingOutChannels, boolean useTemporalTransformer,
        TemporalHeads firstTemporalBlock) {
    private static final String MODEL = "controlnet3d";
    /** GroupNorm groups of the slot-0 temporal transformer (TransformerTemporalModel default). */
    public static final int FIRST_TEMPORAL_BLOCK_GROUPS = 32;
    /** Upstream's slot-0 temporal transformer: 8 heads × 64 (controlnet_3d.py). */
    public static final TemporalHeads UPSTREAM_FIRST_TEMPORAL_BLOCK = new TemporalHeads(8, 64);

    /**
     * Heads of one temporal transformer.
     *
     * @param heads number of heads
     * @param headDim channels per head; heads × headDim is the transformer's inner width
     */
    public record TemporalHeads(int heads, int headDim) {
        /** Both must be positive. */
        public TemporalHeads {
            if (heads < 1 || headDim < 1) {
                throw new ConfigException(MODEL + ".temporal_block_0", heads + " × " + headDim,
                        "heads and head dimension must be >= 1");
            }
        }
    }

    /** Validates the values and freezes the list. */
    public ControlNet3DConfig {
        conditioningEmbeddingOutChannels = List.copyOf(conditioningEmbeddingOutChannels);
        ControlNetConfigs.requireValid(MODEL, trunk, conditioningInChannels,
                conditioningEmbeddingOutChannels);
        if (useTemporalTransformer
                && trunk.blockOutChannels().get(0) % FIRST_TEMPORAL_BLOCK_GROUPS != 0) {
            throw new ConfigException(MODEL + ".block_out_channels", trunk.blockOutChannels(),
                    "the slot-0 temporal transformer normalises in " + FIRST_TEMPORAL_BLOCK_GROUPS
                            + " groups, so the first entry must be a multiple of it");
        }
    }

    /**
     * A 3D ControlNet for {@code unet} with upstream's default embedding channels and slot-0
     * heads, as {@code ControlNetModel3D.from_unet(unet, conditioning_in_channels,
     * use_temporal_transformer)}.
     */
    public static ControlNet3DConfig fromUNet(UNetConfig unet, int conditioningInChannels,
            boolean useTemporalTransformer) {
        return new ControlNet3DConfig(unet, conditioningInChannels,
                ControlNetConfigs.DEFAULT_EMBEDDING_CHANNELS, useTemporalTransformer,
                UPSTREAM_FIRST_TEMPORAL_BLOCK);
    }

    /** Parses a {@code config.json} of class ControlNetModel3D. */
    public static ControlNet3DConfig fromJson(JsonNode root) {
        ConfigJson json = ControlNetConfigs.open(root, "ControlNetModel3D", MODEL);
        return new ControlNet3DConfig(
                ControlNetConfigs.trunk(root, json),
                json.integer("conditioning_in_channels", 3),
                json.integers("conditioning_embedding_out_channels",
                        ControlNetConfigs.DEFAULT_EMBEDDING_CHANNELS),
                json.bool("use_temporal_transformer", false),
                new TemporalHeads(
                        json.integer("temporal_block_0_num_attention_heads",
                                UPSTREAM_FIRST_TEMPORAL_BLOCK.heads()),
                        json.integer("temporal_block_0_attention_head_dim",
                                UPSTREAM_FIRST_TEMPORAL_BLOCK.headDim())));
    }

    /** This config with another slot-0 temporal transformer. */
    public ControlNet3DConfig withFirstTemporalBlock(TemporalHeads heads) {
        return new ControlNet3DConfig(trunk, conditioningInChannels,
                conditioningEmbeddingOutChannels, useTemporalTransformer, heads);
    }

    /** How much larger than the latent each conditioning frame must be (2 per stage). */
    public int conditioningDownsampling() {
        return 1 << (conditioningEmbeddingOutChannels.size() - 1);
    }
}
