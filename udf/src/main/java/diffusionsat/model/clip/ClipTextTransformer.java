package diffusionsat.model.clip;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import diffusionsat.model.BlockList;
import diffusionsat.model.DiffusersBlock;
import diffusionsat.model.ForwardProbe;
import diffusionsat.model.ops.Embedding;
import diffusionsat.model.ops.LayerNorm;
import diffusionsat.model.ops.Scope;
import java.util.Arrays;

/**
 * HF {@code CLIPTextTransformer}, the {@code text_model} of both {@code CLIPTextModel} and
 * {@code CLIPModel}: token + learned position embeddings, pre-LN layers with causal
 * self-attention and no padding mask, a final LayerNorm. Names below {@code text_model.}:
 * {@code embeddings.token_embedding.weight}, {@code encoder.layers.N.*},
 * {@code final_layer_norm.*}.
 *
 * <p>Dimensions: B batch, T tokens (≤ max_position_embeddings, 77), H width.
 */
public final class ClipTextTransformer extends DiffusersBlock {
    private final ClipTextConfig config;
    private final Embedding tokenEmbedding;
    private final Embedding positionEmbedding;
    private final BlockList<ClipEncoderLayer> layers;
    private final LayerNorm finalLayerNorm;

    /** The module tree of {@code config}. */
    public ClipTextTransformer(ClipTextConfig config) {
        this.config = config;
        tokenEmbedding = child("embeddings.token_embedding",
                new Embedding(config.vocabSize(), config.hiddenSize()));
        positionEmbedding = child("embeddings.position_embedding",
                new Embedding(config.maxPositionEmbeddings(), config.hiddenSize()));
        layers = childList("encoder.layers", config.numHiddenLayers(),
                i -> new ClipEncoderLayer(config));
        finalLayerNorm = child("final_layer_norm",
                new LayerNorm(config.hiddenSize(), config.layerNormEps()));
    }

    /** The architecture this transformer was built from. */
    public ClipTextConfig config() {
        return config;
    }

    /**
     * int64 ids (B, T) -> {@code last_hidden_state} (B, T, H), after the final LayerNorm, showing
     * {@code probe} the embeddings ({@code embeddings}) and each layer's output
     * ({@code encoder.layers.i}), HF's {@code hidden_states}.
     */
    public NDArray forward(NDArray inputIds, ForwardProbe probe) {
        int tokens = Math.toIntExact(inputIds.getShape().get(1));
        if (tokens > config.maxPositionEmbeddings()) {
            throw new IllegalArgumentException(tokens + " tokens exceed max_position_embeddings "
                    + config.maxPositionEmbeddings());
        }
        return Scope.run(() -> {
            NDManager manager = inputIds.getManager();
            NDArray positions = manager.arange(0, tokens, 1, DataType.INT64);       // (T)
            NDArray hidden = tokenEmbedding.forward(inputIds)                       // (B, T, H)
                    .add(positionEmbedding.forward(positions));                     // + (T, H)
            probe.record("embeddings", hidden);
            NDArray mask = causalMask(manager, tokens).toType(hidden.getDataType(), false);
            for (int i = 0; i < layers.size(); i++) {
                hidden = layers.get(i).forward(hidden, mask);
                probe.record("encoder.layers." + i, hidden);
            }
            return finalLayerNorm.forward(hidden);
        });
    }

    /** (T, T): 0 on and below the diagonal, −∞ above it, so token t sees tokens 0..t only. */
    private static NDArray causalMask(NDManager manager, int tokens) {
        float[] mask = new float[tokens * tokens];
        for (int row = 0; row < tokens; row++) {
            Arrays.fill(mask, row * tokens + row + 1, (row + 1) * tokens,
                    Float.NEGATIVE_INFINITY);
        }
        return manager.create(mask, new Shape(tokens, tokens));
    }
}
