package diffusionsat.model.clip;

import com.fasterxml.jackson.databind.JsonNode;
import diffusionsat.io.ConfigException;
import diffusionsat.model.ConfigJson;

/**
 * Architecture of an HF {@code CLIPTextModel} ({@code text_encoder/config.json}; defaults of
 * transformers' {@code CLIPTextConfig}).
 *
 * @param vocabSize rows of the token embedding
 * @param hiddenSize width of the token vectors
 * @param intermediateSize inner width of each MLP
 * @param numHiddenLayers encoder layers (23 for SD 2.1: OpenCLIP ViT-H's 24 minus the last)
 * @param numAttentionHeads heads per attention; must divide {@code hiddenSize}
 * @param maxPositionEmbeddings rows of the position embedding: the longest token sequence
 * @param hiddenAct the MLP activation
 * @param layerNormEps epsilon of every LayerNorm
 */
public record ClipTextConfig(int vocabSize, int hiddenSize, int intermediateSize,
        int numHiddenLayers, int numAttentionHeads, int maxPositionEmbeddings,
        ClipActivation hiddenAct, float layerNormEps) implements ClipEncoderConfig {

    public ClipTextConfig {
        if (vocabSize < 1 || hiddenSize < 1 || intermediateSize < 1 || numHiddenLayers < 1
                || numAttentionHeads < 1 || maxPositionEmbeddings < 1) {
            throw new ConfigException("text_encoder", vocabSize + "/" + hiddenSize + "/"
                    + intermediateSize + "/" + numHiddenLayers + "/" + numAttentionHeads + "/"
                    + maxPositionEmbeddings, "sizes must be positive");
        }
        if (hiddenSize % numAttentionHeads != 0) {
            throw new ConfigException("text_encoder.num_attention_heads", numAttentionHeads,
                    "must divide hidden_size " + hiddenSize);
        }
        if (!(layerNormEps > 0)) {
            throw new ConfigException("text_encoder.layer_norm_eps", layerNormEps, "must be > 0");
        }
    }

    /** SD 2.1's text encoder (DIFFUSIONSAT.md §4.1). */
    public static ClipTextConfig sd21() {
        return new ClipTextConfig(49408, 1024, 4096, 23, 16, 77, ClipActivation.GELU, 1e-5f);
    }

    /** Parses a {@code config.json} of a CLIPTextModel. */
    public static ClipTextConfig fromJson(JsonNode root) {
        ConfigJson json = new ConfigJson(root, "text_encoder");
        return new ClipTextConfig(
                json.integer("vocab_size", 49408),
                json.integer("hidden_size", 512),
                json.integer("intermediate_size", 2048),
                json.integer("num_hidden_layers", 12),
                json.integer("num_attention_heads", 8),
                json.integer("max_position_embeddings", 77),
                ClipActivation.parse("text_encoder.hidden_act",
                        json.string("hidden_act", "quick_gelu")),
                (float) json.number("layer_norm_eps", 1e-5));
    }

    /** Channels per attention head. */
    public int headDim() {
        return hiddenSize / numAttentionHeads;
    }
}
