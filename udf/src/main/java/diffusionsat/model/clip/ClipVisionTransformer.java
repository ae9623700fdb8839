package diffusionsat.model.clip;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import diffusionsat.model.BlockList;
import diffusionsat.model.DiffusersBlock;
import diffusionsat.model.ops.LayerNorm;
import diffusionsat.model.ops.Scope;

/**
 * HF {@code CLIPVisionTransformer}, the {@code vision_model} of {@code CLIPVisionModel} and
 * {@code CLIPModel}: patch embeddings, a LayerNorm before the encoder ({@code pre_layrnorm}, HF's
 * spelling), pre-LN layers with unmasked self-attention, and {@code post_layernorm} on the class
 * token, whose result is the pooled output.
 *
 * <p>Dimensions: B batch, S image side, D width, N + 1 tokens (class token first).
 */
public final class ClipVisionTransformer extends DiffusersBlock {
    private final ClipVisionConfig config;
    private final ClipVisionEmbeddings embeddings;
    private final LayerNorm preLayrnorm;
    private final BlockList<ClipEncoderLayer> layers;
    private final LayerNorm postLayernorm;

    /** The module tree of {@code config}. */
    public ClipVisionTransformer(ClipVisionConfig config) {
        this.config = config;
        embeddings = child("embeddings", new ClipVisionEmbeddings(config));
        preLayrnorm = child("pre_layrnorm",
                new LayerNorm(config.hiddenSize(), config.layerNormEps()));
        layers = childList("encoder.layers", config.numHiddenLayers(),
                i -> new ClipEncoderLayer(config));
        postLayernorm = child("post_layernorm",
                new LayerNorm(config.hiddenSize(), config.layerNormEps()));
    }

    /** The architecture this transformer was built from. */
    public ClipVisionConfig config() {
        return config;
    }

    /** Normalised pixels (B, 3, S, S) -> {@code pooler_output} (B, D). */
    public NDArray forward(NDArray pixels) {
        return Scope.run(() -> {
            NDArray hidden = preLayrnorm.forward(embeddings.forward(pixels)); // (B, N + 1, D)
            for (ClipEncoderLayer layer : layers) {
                hidden = layer.forward(hidden, null);
            }
            return postLayernorm.forward(hidden.get(new NDIndex(":, 0, :")));  // (B, D)
        });
    }
}
