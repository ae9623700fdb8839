package diffusionsat.model.clip;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import diffusionsat.io.ConfigException;
import diffusionsat.model.ConfigJson;

/**
 * Architecture of an HF {@code CLIPModel} (its config.json: {@code text_config},
 * {@code vision_config}, {@code projection_dim}; transformers' defaults where absent).
 *
 * @param text the text tower
 * @param vision the vision tower
 * @param projectionDim width of the shared embedding space both towers project into
 * @param eosTokenId {@code text_config.eos_token_id}, which decides where the text is pooled
 *     (see {@link ClipModel#eosPositions})
 */
public record ClipConfig(ClipTextConfig text, ClipVisionConfig vision, int projectionDim,
        int eosTokenId) {
    /** transformers' {@code CLIPTextConfig} default: CLIP's {@code <|endoftext|>}. */
    private static final int DEFAULT_EOS_TOKEN_ID = 49407;

    public ClipConfig {
        if (projectionDim < 1) {
            throw new ConfigException("projection_dim", projectionDim, "must be positive");
        }
    }

    /** Parses a CLIPModel config.json. */
    public static ClipConfig fromJson(JsonNode root) {
        ConfigJson json = new ConfigJson(root, "clip");
        JsonNode textConfig = objectOrEmpty(root, "text_config");
        return new ClipConfig(ClipTextConfig.fromJson(textConfig),
                ClipVisionConfig.fromJson(objectOrEmpty(root, "vision_config")),
                json.integer("projection_dim", 512),
                new ConfigJson(textConfig, "text_config")
                        .integer("eos_token_id", DEFAULT_EOS_TOKEN_ID));
    }

    private static JsonNode objectOrEmpty(JsonNode root, String key) {
        JsonNode node = root.path(key);
        return node.isObject() ? node : JsonNodeFactory.instance.objectNode();
    }
}
