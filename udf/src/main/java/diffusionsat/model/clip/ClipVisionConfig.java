package diffusionsat.model.clip;

import com.fasterxml.jackson.databind.JsonNode;
import diffusionsat.io.ConfigException;
import diffusionsat.model.ConfigJson;

/**
 * Architecture of an HF {@code CLIPVisionModel} ({@code vision_config} of a {@code CLIPModel}'s
 * config.json; defaults of transformers' {@code CLIPVisionConfig}, ViT-B/32).
 *
 * @param hiddenSize width D of the patch tokens
 * @param intermediateSize inner width of each MLP
 * @param numHiddenLayers encoder layers
 * @param numAttentionHeads heads per attention; must divide {@code hiddenSize}
 * @param imageSize side S of the square RGB input
 * @param patchSize side P of a patch; must divide {@code imageSize}
 * @param hiddenAct the MLP activation
 * @param layerNormEps epsilon of every LayerNorm
 */
public record ClipVisionConfig(int hiddenSize, int intermediateSize, int numHiddenLayers,
        int numAttentionHeads, int imageSize, int patchSize, ClipActivation hiddenAct,
        float layerNormEps) implements ClipEncoderConfig {

    public ClipVisionConfig {
        if (hiddenSize < 1 || intermediateSize < 1 || numHiddenLayers < 1
                || numAttentionHeads < 1 || imageSize < 1 || patchSize < 1) {
            throw new ConfigException("vision_config", hiddenSize + "/" + intermediateSize + "/"
                    + numHiddenLayers + "/" + numAttentionHeads + "/" + imageSize + "/"
                    + patchSize, "sizes must be positive");
        }
        if (hiddenSize % numAttentionHeads != 0) {
            throw new ConfigException("vision_config.num_attention_heads", numAttentionHeads,
                    "must divide hidden_size " + hiddenSize);
        }
        if (imageSize % patchSize != 0) {
            throw new ConfigException("vision_config.patch_size", patchSize,
                    "must divide image_size " + imageSize);
        }
        if (!(layerNormEps > 0)) {
            throw new ConfigException("vision_config.layer_norm_eps", layerNormEps,
                    "must be > 0");
        }
    }

    /** Parses the {@code vision_config} object of a CLIPModel config.json. */
    public static ClipVisionConfig fromJson(JsonNode root) {
        ConfigJson json = new ConfigJson(root, "vision_config");
        json.requireUnsupportedUnset("num_channels", 3);
        return new ClipVisionConfig(
                json.integer("hidden_size", 768),
                json.integer("intermediate_size", 3072),
                json.integer("num_hidden_layers", 12),
                json.integer("num_attention_heads", 12),
                json.integer("image_size", 224),
                json.integer("patch_size", 32),
                ClipActivation.parse("vision_config.hidden_act",
                        json.string("hidden_act", "quick_gelu")),
                (float) json.number("layer_norm_eps", 1e-5));
    }

    /** Patches per side, S / P. */
    public int patchesPerSide() {
        return imageSize / patchSize;
    }

    /** Tokens of the transformer: the class token and (S / P)² patches. */
    public int numPositions() {
        return patchesPerSide() * patchesPerSide() + 1;
    }
}
