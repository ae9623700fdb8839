package diffusionsat.model;

import com.fasterxml.jackson.databind.JsonNode;
import diffusionsat.io.ConfigException;
import diffusionsat.model.blocks.TimeScaleShift;
import diffusionsat.model.ops.ActivationFunction;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Architecture of a SatUNet / UNet2DConditionModel, as its {@code unet/config.json} gives it
 * (DIFFUSIONSAT.md §2; diffusers 0.17 defaults of {@code sat_unet.py}). Per-block lists are
 * already expanded to one entry per down block.
 *
 * <p>{@code attentionHeads} is diffusers 0.17's misnamed {@code attention_head_dim}: it is the
 * NUMBER of heads of each block's Transformer2DModel (head dim = channels / heads), given once or
 * per block; the up path uses it reversed and the mid block uses the last entry.
 *
 * @param sampleSize latent size the model was configured with (0 when null; not used)
 * @param numMetadata metadata MLPs when {@code useMetadata} (7 for DiffusionSat)
 * @param timestepPostAct activation after the time MLP, or null
 */
public record UNetConfig(
        int sampleSize,
        int inChannels,
        int outChannels,
        boolean centerInputSample,
        boolean flipSinToCos,
        float freqShift,
        List<DownBlockType> downBlockTypes,
        List<UpBlockType> upBlockTypes,
        List<Boolean> onlyCrossAttention,
        List<Integer> blockOutChannels,
        int layersPerBlock,
        int downsamplePadding,
        float midBlockScaleFactor,
        ActivationFunction actFn,
        int normNumGroups,
        float normEps,
        int crossAttentionDim,
        List<Integer> attentionHeads,
        boolean useLinearProjection,
        boolean upcastAttention,
        TimeScaleShift resnetTimeScaleShift,
        ActivationFunction timestepPostAct,
        int convInKernel,
        int convOutKernel,
        boolean useMetadata,
        int numMetadata) {

    /** Down block classes this implementation builds. */
    public enum DownBlockType {
        CROSS_ATTN_DOWN_BLOCK_2D("CrossAttnDownBlock2D"),
        DOWN_BLOCK_2D("DownBlock2D");

        private final String diffusersName;

        DownBlockType(String diffusersName) {
            this.diffusersName = diffusersName;
        }

        static DownBlockType parse(ConfigJson json, String name) {
            for (DownBlockType type : values()) {
                if (type.diffusersName.equals(name)) {
                    return type;
                }
            }
            throw json.error("down_block_types", name,
                    "only CrossAttnDownBlock2D and DownBlock2D are supported");
        }
    }

    /** Up block classes this implementation builds. */
    public enum UpBlockType {
        CROSS_ATTN_UP_BLOCK_2D("CrossAttnUpBlock2D"),
        UP_BLOCK_2D("UpBlock2D");

        private final String diffusersName;

        UpBlockType(String diffusersName) {
            this.diffusersName = diffusersName;
        }

        static UpBlockType parse(ConfigJson json, String name) {
            for (UpBlockType type : values()) {
                if (type.diffusersName.equals(name)) {
                    return type;
                }
            }
            throw json.error("up_block_types", name,
                    "only CrossAttnUpBlock2D and UpBlock2D are supported");
        }
    }

    /** Validates sizes and divisibility, and freezes the lists. */
    public UNetConfig {
        int blocks = blockOutChannels.size();
        if (normNumGroups <= 0) {
            throw new ConfigException("unet.norm_num_groups", normNumGroups, "must be > 0");
        }
        downBlockTypes = List.copyOf(downBlockTypes);
        upBlockTypes = List.copyOf(upBlockTypes);
        onlyCrossAttention = List.copyOf(onlyCrossAttention);
        blockOutChannels = List.copyOf(blockOutChannels);
        attentionHeads = List.copyOf(attentionHeads);
        requireSize("down_block_types", downBlockTypes, blocks);
        requireSize("up_block_types", upBlockTypes, blocks);
        requireSize("only_cross_attention", onlyCrossAttention, blocks);
        requireSize("attention_head_dim", attentionHeads, blocks);
        if (blocks == 0) {
            throw new ConfigException("unet.block_out_channels", blockOutChannels, "is empty");
        }
        for (int channels : blockOutChannels) {
            if (channels <= 0 || channels % normNumGroups != 0) {
                throw new ConfigException("unet.block_out_channels", blockOutChannels,
                        "every entry must be a positive multiple of norm_num_groups "
                                + normNumGroups);
            }
        }
        for (int i = 0; i < blocks; i++) {
            int heads = attentionHeads.get(i);
            if (heads <= 0 || blockOutChannels.get(i) % heads != 0) {
                throw new ConfigException("unet.attention_head_dim", attentionHeads,
                        "is the number of heads per block and must divide its channels "
                                + blockOutChannels);
            }
        }
        if (layersPerBlock < 1) {
            throw new ConfigException("unet.layers_per_block", layersPerBlock, "must be >= 1");
        }
        if (convInKernel % 2 == 0 || convOutKernel % 2 == 0) {
            throw new ConfigException("unet.conv_in_kernel/conv_out_kernel",
                    convInKernel + "/" + convOutKernel, "must be odd");
        }
        if (useMetadata && numMetadata < 1) {
            throw new ConfigException("unet.num_metadata", numMetadata,
                    "must be >= 1 when use_metadata is true");
        }
        if (blockOutChannels.get(0) % 2 != 0) {
            throw new ConfigException("unet.block_out_channels", blockOutChannels,
                    "the first entry (sinusoid width) must be even");
        }
    }

    /**
     * The Stable Diffusion 2.1 (768-v) SatUNet with 7 metadata MLPs (DIFFUSIONSAT.md §2, §1.4).
     */
    public static UNetConfig sd21() {
        List<DownBlockType> down = List.of(DownBlockType.CROSS_ATTN_DOWN_BLOCK_2D,
                DownBlockType.CROSS_ATTN_DOWN_BLOCK_2D, DownBlockType.CROSS_ATTN_DOWN_BLOCK_2D,
                DownBlockType.DOWN_BLOCK_2D);
        List<UpBlockType> up = List.of(UpBlockType.UP_BLOCK_2D, UpBlockType.CROSS_ATTN_UP_BLOCK_2D,
                UpBlockType.CROSS_ATTN_UP_BLOCK_2D, UpBlockType.CROSS_ATTN_UP_BLOCK_2D);
        return new UNetConfig(96, 4, 4, false, true, 0, down, up,
                Collections.nCopies(4, false), List.of(320, 640, 1280, 1280), 2, 1, 1,
                ActivationFunction.SILU, 32, 1e-5f, 1024, List.of(5, 10, 20, 20), true, true,
                TimeScaleShift.DEFAULT, null, 3, 3, true, 7);
    }

    /** Parses a {@code config.json} of class SatUNet or UNet2DConditionModel. */
    public static UNetConfig fromJson(JsonNode root) {
        ConfigJson json = new ConfigJson(root, "unet");
        String className = json.string("_class_name", "SatUNet");
        if (!className.equals("SatUNet") && !className.equals("UNet2DConditionModel")) {
            throw json.error("_class_name", className, "must be SatUNet or UNet2DConditionModel");
        }
        rejectUnsupported(json);
        List<Integer> channels = json.integers("block_out_channels", List.of(320, 640, 1280, 1280));
        int blocks = channels.size();
        List<DownBlockType> down = new ArrayList<>();
        for (String name : json.strings("down_block_types", List.of("CrossAttnDownBlock2D",
                "CrossAttnDownBlock2D", "CrossAttnDownBlock2D", "DownBlock2D"))) {
            down.add(DownBlockType.parse(json, name));
        }
        List<UpBlockType> up = new ArrayList<>();
        for (String name : json.strings("up_block_types", List.of("UpBlock2D",
                "CrossAttnUpBlock2D", "CrossAttnUpBlock2D", "CrossAttnUpBlock2D"))) {
            up.add(UpBlockType.parse(json, name));
        }
        String postAct = json.string("timestep_post_act", null);
        return new UNetConfig(
                json.integer("sample_size", 0),
                json.integer("in_channels", 4),
                json.integer("out_channels", 4),
                json.bool("center_input_sample", false),
                json.bool("flip_sin_to_cos", true),
                (float) json.number("freq_shift", 0),
                down,
                up,
                json.boolPerBlock("only_cross_attention", false, blocks),
                channels,
                json.integer("layers_per_block", 2),
                json.integer("downsample_padding", 1),
                (float) json.number("mid_block_scale_factor", 1),
                ActivationFunction.parse("unet.act_fn", json.string("act_fn", "silu")),
                json.integer("norm_num_groups", 32),
                (float) json.number("norm_eps", 1e-5),
                json.integer("cross_attention_dim", 1280),
                json.integerPerBlock("attention_head_dim", 8, blocks),
                json.bool("use_linear_projection", false),
                json.bool("upcast_attention", false),
                TimeScaleShift.parse(json.string("resnet_time_scale_shift", "default")),
                postAct == null ? null
                        : ActivationFunction.parse("unet.timestep_post_act", postAct),
                json.integer("conv_in_kernel", 3),
                json.integer("conv_out_kernel", 3),
                json.bool("use_metadata", className.equals("SatUNet")),
                json.integer("num_metadata", 7));
    }

    /** Width of the time embedding: 4 × {@code block_out_channels[0]} (positional embedding). */
    public int timeEmbedDim() {
        return 4 * blockOutChannels.get(0);
    }

    /** The number of down blocks (levels). */
    public int numBlocks() {
        return blockOutChannels.size();
    }

    /** Skip tensors the down path produces (and ControlNet down residuals it accepts). */
    public int numSkips() {
        return 1 + numBlocks() * layersPerBlock + (numBlocks() - 1);
    }

    /**
     * Checks that a checkpoint's config describes this architecture (STYLE.md §3.1), naming every
     * differing field.
     */
    public void requireSameArchitecture(UNetConfig loaded, String source) {
        List<String> differences = new ArrayList<>();
        for (RecordComponent component : UNetConfig.class.getRecordComponents()) {
            if (component.getName().equals("sampleSize")) {
                continue; // informational only: the latent size is chosen per call
            }
            Object mine = value(component, this);
            Object theirs = value(component, loaded);
            if (!Objects.equals(mine, theirs)) {
                differences.add(component.getName() + ": expected " + mine + ", found " + theirs);
            }
        }
        if (!differences.isEmpty()) {
            throw new ConfigException(source + ": UNet architecture differs: " + differences);
        }
    }

    private static Object value(RecordComponent component, UNetConfig config) {
        try {
            return component.getAccessor().invoke(config);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("record accessor " + component.getName(), e);
        }
    }

    private static void rejectUnsupported(ConfigJson json) {
        json.requireUnsupportedUnset("dual_cross_attention", false);
        json.requireUnsupportedUnset("mid_block_type", "UNetMidBlock2DCrossAttn");
        json.requireUnsupportedUnset("class_embed_type", null);
        json.requireUnsupportedUnset("num_class_embeds", null);
        json.requireUnsupportedUnset("time_embedding_type", "positional");
        json.requireUnsupportedUnset("time_cond_proj_dim", null);
        // Options of later diffusers versions: refused unless neutral, never silently ignored.
        json.requireUnsupportedUnset("addition_embed_type", null);
        json.requireUnsupportedUnset("encoder_hid_dim", null);
        json.requireUnsupportedUnset("num_attention_heads", null);
        json.requireUnsupportedUnset("transformer_layers_per_block", 1);
        json.requireUnsupportedUnset("cross_attention_norm", null);
        json.requireUnsupportedUnset("resnet_skip_time_act", false);
        json.requireUnsupportedUnset("resnet_out_scale_factor", 1);
        json.requireUnsupportedUnset("class_embeddings_concat", false);
        json.requireUnsupportedUnset("mid_block_only_cross_attention", null);
        json.requireUnsupportedUnset("time_embedding_dim", null);
        json.requireUnsupportedUnset("time_embedding_act_fn", null);
        json.requireUnsupportedUnset("projection_class_embeddings_input_dim", null);
        json.requireUnsupportedUnset("attention_type", "default");
    }

    private static void requireSize(String key, List<?> list, int blocks) {
        if (list.size() != blocks) {
            throw new ConfigException("unet." + key, list,
                    "must have one entry per block_out_channels entry (" + blocks + ")");
        }
    }
}
