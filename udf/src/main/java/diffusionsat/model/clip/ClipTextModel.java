package diffusionsat.model.clip;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import diffusionsat.io.checkpoint.HostTensor;
import diffusionsat.io.checkpoint.StateDict;
import diffusionsat.model.BlockList;
import diffusionsat.model.DiffusersBlock;
import diffusionsat.model.ForwardProbe;
import diffusionsat.model.ModelDType;
import diffusionsat.model.ops.Embedding;
import diffusionsat.model.ops.LayerNorm;
import diffusionsat.model.ops.Scope;
import java.util.Arrays;
import java.util.List;

/**
 * HF {@code CLIPTextModel} as SD 2.1 uses it (DIFFUSIONSAT.md §4.1): token + learned position
 * embeddings, pre-LN transformer layers with causal self-attention and no padding mask, a final
 * LayerNorm; the output is {@code last_hidden_state}. Parameter names are HF's
 * ({@code text_model.encoder.layers.N.self_attn.q_proj.weight}, ...).
 *
 * <p>Dimensions: B batch, T tokens (≤ max_position_embeddings, 77), H width (1024 for SD 2.1).
 */
public final class ClipTextModel extends DiffusersBlock {
    /** A buffer (0..76, int64) that transformers 4.25 saves with the weights; not a weight. */
    static final String POSITION_IDS = "text_model.embeddings.position_ids";

    private final ClipTextConfig config;
    private final Embedding tokenEmbedding;
    private final Embedding positionEmbedding;
    private final BlockList<ClipEncoderLayer> layers;
    private final LayerNorm finalLayerNorm;

    /** The module tree of {@code config}; weights come with {@link #load}. */
    public ClipTextModel(ClipTextConfig config) {
        this.config = config;
        tokenEmbedding = child("text_model.embeddings.token_embedding",
                new Embedding(config.vocabSize(), config.hiddenSize()));
        positionEmbedding = child("text_model.embeddings.position_embedding",
                new Embedding(config.maxPositionEmbeddings(), config.hiddenSize()));
        layers = childList("text_model.encoder.layers", config.numHiddenLayers(),
                i -> new ClipEncoderLayer(config));
        finalLayerNorm = child("text_model.final_layer_norm",
                new LayerNorm(config.hiddenSize(), config.layerNormEps()));
    }

    /** The architecture this model was built from. */
    public ClipTextConfig config() {
        return config;
    }

    /**
     * Loads HF CLIPTextModel weights strictly, leaving out the {@code position_ids} buffer that
     * checkpoints saved by transformers 4.25 (SD 2.1's) carry.
     */
    public void loadHf(StateDict weights, NDManager manager, ModelDType dtype) {
        List<HostTensor> tensors = weights.names().stream()
                .filter(name -> !name.equals(POSITION_IDS)).map(weights::get).toList();
        load(StateDict.of(weights.source(), tensors), manager, dtype);
    }

    /** Token ids as the model takes them: (B, T) int64 in {@code manager}. */
    public static NDArray inputIds(NDManager manager, List<TokenizedText> texts) {
        int length = texts.get(0).ids().length;
        long[] ids = texts.stream().flatMapToLong(t -> Arrays.stream(t.ids()).asLongStream())
                .toArray();
        return manager.create(ids, new Shape(texts.size(), length));
    }

    /** int64 ids (B, T) -> {@code last_hidden_state} (B, T, H). */
    public NDArray forward(NDArray inputIds) {
        return forward(inputIds, ForwardProbe.NONE);
    }

    /**
     * As {@link #forward(NDArray)}, showing {@code probe} the embeddings
     * ({@code text_model.embeddings}) and each layer's output
     * ({@code text_model.encoder.layers.i}), HF's {@code hidden_states}.
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
            probe.record("text_model.embeddings", hidden);
            NDArray mask = causalMask(manager, tokens).toType(hidden.getDataType(), false);
            for (int i = 0; i < layers.size(); i++) {
                hidden = layers.get(i).forward(hidden, mask);
                probe.record("text_model.encoder.layers." + i, hidden);
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
