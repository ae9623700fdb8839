package diffusionsat.model.controlnet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import diffusionsat.io.ConfigException;
import diffusionsat.model.ConfigJson;
import diffusionsat.model.UNetConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * What the 2D and 3D ControlNet configs share: the UNet trunk they copy ({@code from_unet}), the
 * conditioning-embedding channels, and the upstream options this implementation refuses.
 */
final class ControlNetConfigs {
    /** Upstream's {@code conditioning_embedding_out_channels} default. */
    static final List<Integer> DEFAULT_EMBEDDING_CHANNELS = List.of(16, 32, 96, 256);

    private ControlNetConfigs() {}

    /**
     * Opens a ControlNet config.json of class {@code className}, rejecting the options the
     * released checkpoints never set (BGR channel order, pooled conditions).
     */
    static ConfigJson open(JsonNode root, String className, String model) {
        ConfigJson json = new ConfigJson(root, model);
        String found = json.string("_class_name", className);
        if (!found.equals(className)) {
            throw json.error("_class_name", found, "must be " + className);
        }
        json.requireUnsupportedUnset("controlnet_conditioning_channel_order", "rgb");
        json.requireUnsupportedUnset("global_pool_conditions", false);
        return json;
    }

    /**
     * The trunk of a ControlNet config.json, parsed by {@link UNetConfig#fromJson} so that every
     * UNet key keeps one reading. A ControlNet config has no up path: the up blocks are set to
     * the mirror of the down blocks, as in the UNet it was copied from (they are never built).
     * Upstream ControlNets default to {@code use_metadata = true}.
     */
    static UNetConfig trunk(JsonNode root, ConfigJson json) {
        ObjectNode unet = ((ObjectNode) root).deepCopy();
        unet.put("_class_name", "SatUNet");
        unet.put("use_metadata", json.bool("use_metadata", true));
        if (!json.has("up_block_types")) {
            List<String> down = json.strings("down_block_types", List.of("CrossAttnDownBlock2D",
                    "CrossAttnDownBlock2D", "CrossAttnDownBlock2D", "DownBlock2D"));
            ArrayNode up = unet.putArray("up_block_types");
            for (int i = down.size() - 1; i >= 0; i--) {
                up.add(down.get(i).replace("Down", "Up"));
            }
        }
        return UNetConfig.fromJson(unet);
    }

    /**
     * Checks what both ControlNets require of their trunk and conditioning embedding. The
     * ControlNet's conv_in is always 3×3 and its time MLP has no post-activation (controlnet.py
     * {@code __init__}), so a UNet with other settings cannot be copied.
     */
    static void requireValid(String model, UNetConfig trunk, int conditioningInChannels,
            List<Integer> embeddingChannels) {
        if (trunk.convInKernel() != 3 || trunk.timestepPostAct() != null
                || trunk.centerInputSample()) {
            throw new ConfigException(model + ".trunk", trunk, "a ControlNet copies only UNets with"
                    + " conv_in_kernel 3, no timestep_post_act and no center_input_sample");
        }
        if (conditioningInChannels < 1) {
            throw new ConfigException(model + ".conditioning_in_channels", conditioningInChannels,
                    "must be >= 1");
        }
        if (embeddingChannels.isEmpty() || embeddingChannels.stream().anyMatch(c -> c < 1)) {
            throw new ConfigException(model + ".conditioning_embedding_out_channels",
                    embeddingChannels, "must be a non-empty list of positive channel counts");
        }
    }

    /**
     * Channels of the UNet's skips in order: conv_in's, then per level one per resnet and one
     * after its downsampler (controlnet.py builds {@code controlnet_down_blocks} this way).
     */
    static List<Integer> skipChannels(UNetConfig trunk) {
        List<Integer> channels = new ArrayList<>();
        channels.add(trunk.blockOutChannels().get(0));
        for (int level = 0; level < trunk.numBlocks(); level++) {
            int out = trunk.blockOutChannels().get(level);
            for (int layer = 0; layer < trunk.layersPerBlock(); layer++) {
                channels.add(out);
            }
            if (level < trunk.numBlocks() - 1) {
                channels.add(out);
            }
        }
        return channels;
    }
}
