package diffusionsat.sampling;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * Architectures of the checkpoints the project writes itself: each model's diffusers
 * {@code config.json} (DIFFUSIONSAT.md §2, §4).
 */
public enum CheckpointPreset {
    /**
     * A few hundred thousand weights besides the text encoder's token table: CPU sampling of a few
     * 64×64 images takes seconds. Same block kinds as SD 2.1, VAE scale factor 8.
     */
    TINY(
            Map.ofEntries(Map.entry("attention_head_dim", 4),
                    Map.entry("block_out_channels", List.of(32, 64)),
                    Map.entry("cross_attention_dim", 32),
                    Map.entry("down_block_types", List.of("CrossAttnDownBlock2D", "DownBlock2D")),
                    Map.entry("up_block_types", List.of("UpBlock2D", "CrossAttnUpBlock2D")),
                    Map.entry("layers_per_block", 1),
                    Map.entry("norm_num_groups", 8),
                    Map.entry("sample_size", 8),
                    Map.entry("upcast_attention", false)),
            Map.of("block_out_channels", List.of(16, 16, 32, 32), "layers_per_block", 1,
                    "norm_num_groups", 8, "sample_size", 64),
            Map.of("hidden_size", 32, "intermediate_size", 64, "num_hidden_layers", 2,
                    "num_attention_heads", 4)),
    /** Stable Diffusion 2.1 (768-v) with DiffusionSat's metadata MLPs: 880M UNet weights. */
    SD21(
            Map.ofEntries(Map.entry("attention_head_dim", List.of(5, 10, 20, 20)),
                    Map.entry("block_out_channels", List.of(320, 640, 1280, 1280)),
                    Map.entry("cross_attention_dim", 1024),
                    Map.entry("down_block_types", List.of("CrossAttnDownBlock2D",
                            "CrossAttnDownBlock2D", "CrossAttnDownBlock2D", "DownBlock2D")),
                    Map.entry("up_block_types", List.of("UpBlock2D", "CrossAttnUpBlock2D",
                            "CrossAttnUpBlock2D", "CrossAttnUpBlock2D")),
                    Map.entry("layers_per_block", 2),
                    Map.entry("norm_num_groups", 32),
                    Map.entry("sample_size", 96),
                    Map.entry("upcast_attention", true)),
            Map.of("block_out_channels", List.of(128, 256, 512, 512), "layers_per_block", 2,
                    "norm_num_groups", 32, "sample_size", 768),
            Map.of("hidden_size", 1024, "intermediate_size", 4096, "num_hidden_layers", 23,
                    "num_attention_heads", 16));

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DIFFUSERS_VERSION = "0.17.0.dev0";

    private final Map<String, Object> unet;
    private final Map<String, Object> vae;
    private final Map<String, Object> textEncoder;

    CheckpointPreset(Map<String, Object> unet, Map<String, Object> vae,
            Map<String, Object> textEncoder) {
        this.unet = unet;
        this.vae = vae;
        this.textEncoder = textEncoder;
    }

    /** {@code unet/config.json}: a SatUNet with 7 metadata MLPs and linear projections. */
    public ObjectNode unetConfig() {
        ObjectNode json = withClass("SatUNet");
        json.put("act_fn", "silu").put("center_input_sample", false).put("conv_in_kernel", 3)
                .put("conv_out_kernel", 3).put("downsample_padding", 1)
                .put("flip_sin_to_cos", true).put("freq_shift", 0).put("in_channels", 4)
                .put("out_channels", 4).put("mid_block_scale_factor", 1).put("norm_eps", 1e-5)
                .put("use_linear_projection", true).put("use_metadata", true)
                .put("num_metadata", SatelliteMetadata.SIZE);
        return merge(json, unet);
    }

    /** {@code vae/config.json}: an AutoencoderKL with 4 latent channels. */
    public ObjectNode vaeConfig() {
        ObjectNode json = withClass("AutoencoderKL");
        int levels = ((List<?>) vae.get("block_out_channels")).size();
        json.put("act_fn", "silu").put("in_channels", 3).put("out_channels", 3)
                .put("latent_channels", 4).put("scaling_factor", 0.18215);
        json.set("down_block_types", JSON.valueToTree(
                java.util.Collections.nCopies(levels, "DownEncoderBlock2D")));
        json.set("up_block_types", JSON.valueToTree(
                java.util.Collections.nCopies(levels, "UpDecoderBlock2D")));
        return merge(json, vae);
    }

    /** {@code text_encoder/config.json}: an HF CLIPTextModel over CLIP's 49408-token vocabulary. */
    public ObjectNode textEncoderConfig() {
        ObjectNode json = JSON.createObjectNode();
        json.set("architectures", JSON.valueToTree(List.of("CLIPTextModel")));
        json.put("model_type", "clip_text_model").put("hidden_act", "gelu")
                .put("layer_norm_eps", 1e-5).put("max_position_embeddings", 77)
                .put("vocab_size", 49408).put("torch_dtype", "float32");
        return merge(json, textEncoder);
    }

    /** {@code scheduler/scheduler_config.json}: SD 2.1's DDIM scheduler (v-prediction). */
    public static ObjectNode schedulerConfig() {
        ObjectNode json = withClass("DDIMScheduler");
        json.put("beta_start", 0.00085).put("beta_end", 0.012)
                .put("beta_schedule", "scaled_linear").put("clip_sample", false)
                .put("num_train_timesteps", 1000).put("prediction_type", "v_prediction")
                .put("set_alpha_to_one", false).put("steps_offset", 1)
                .put("skip_prk_steps", true);
        return json;
    }

    private static ObjectNode withClass(String className) {
        ObjectNode json = JSON.createObjectNode();
        json.put("_class_name", className).put("_diffusers_version", DIFFUSERS_VERSION);
        return json;
    }

    private static ObjectNode merge(ObjectNode json, Map<String, Object> values) {
        values.forEach((key, value) -> json.set(key, JSON.valueToTree(value)));
        return json;
    }
}
