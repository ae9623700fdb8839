package diffusionsat.sampling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The ControlNets the project's jobs use, as {@code controlnet/config.json} describes them
 * (DIFFUSIONSAT.md §3.1-§3.2), derived from a checkpoint's UNet as upstream's {@code from_unet}
 * does: the trunk keys are the UNet's.
 */
public enum ControlNetPreset {
    /** fMoW-Sentinel → RGB super-resolution: 2D, 10 channels, conditioning_scale 2 (÷4). */
    SUPERRES("ControlNetModel", 10, 2, false),
    /** xBD before/after: 2D, 3 RGB channels at the output size, conditioning_scale 1 (÷8). */
    XBD("ControlNetModel", 3, 1, false),
    /** fMoW-temporal / Texas: 3D over 3 RGB frames with temporal attention (÷8). */
    TEMPORAL("ControlNetModel3D", 3, 1, true);

    /** Upstream's conditioning embedding channels, for SD 2.1-sized UNets. */
    private static final List<Integer> UPSTREAM_EMBEDDING = List.of(16, 32, 96, 256);
    /** Channels for scaled-down UNets (those of the reference fixtures, cases c and d). */
    private static final List<Integer> SMALL_EMBEDDING = List.of(8, 16, 16, 16);
    /** SD 2.1's first block width: a UNet this wide gets upstream's embedding and heads. */
    private static final int SD21_WIDTH = 320;
    /** UNet keys a ControlNet has no use for (it stops after the mid block). */
    private static final List<String> UP_PATH_KEYS = List.of("up_block_types", "out_channels",
            "conv_out_kernel", "center_input_sample", "sample_size");

    private final String className;
    private final int channels;
    private final int conditioningScale;
    private final boolean temporal;

    ControlNetPreset(String className, int channels, int conditioningScale, boolean temporal) {
        this.className = className;
        this.channels = channels;
        this.conditioningScale = conditioningScale;
        this.temporal = temporal;
    }

    /** The diffusers class name, as model_index.json and config.json give it. */
    public String className() {
        return className;
    }

    /**
     * {@code controlnet/config.json} for a ControlNet copied from the UNet of {@code unetConfig}.
     * Scaled-down UNets (first block narrower than SD 2.1's 320) get scaled-down conditioning
     * embeddings and a 2 × 8 slot-0 temporal transformer (upstream: 8 × 64), so that tiny
     * checkpoints stay tiny.
     */
    public ObjectNode config(JsonNode unetConfig) {
        ObjectNode json = ((ObjectNode) unetConfig).deepCopy();
        json.remove(UP_PATH_KEYS);
        json.put("_class_name", className);
        boolean full = unetConfig.path("block_out_channels").path(0).asInt() >= SD21_WIDTH;
        json.put("conditioning_in_channels", channels);
        ArrayNode embedding = json.putArray("conditioning_embedding_out_channels");
        (full ? UPSTREAM_EMBEDDING : SMALL_EMBEDDING).forEach(embedding::add);
        json.put("controlnet_conditioning_channel_order", "rgb");
        json.put("global_pool_conditions", false);
        if (temporal) {
            json.put("use_temporal_transformer", true);
            json.put(ControlNetPipelineLoader.FRAMES_KEY, ControlNetPipelineLoader.UPSTREAM_FRAMES);
            if (!full) {
                json.put("temporal_block_0_num_attention_heads", 2);
                json.put("temporal_block_0_attention_head_dim", 8);
            }
        } else {
            json.put("conditioning_scale", conditioningScale);
        }
        return json;
    }
}
