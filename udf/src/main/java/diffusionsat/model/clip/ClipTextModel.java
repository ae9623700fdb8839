package diffusionsat.model.clip;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import diffusionsat.io.checkpoint.StateDict;
import diffusionsat.model.DiffusersBlock;
import diffusionsat.model.ForwardProbe;
import diffusionsat.model.ModelDType;
import java.util.Arrays;
import java.util.List;

/**
 * HF {@code CLIPTextModel} as SD 2.1 uses it (DIFFUSIONSAT.md §4.1): a {@link
 * ClipTextTransformer} under {@code text_model}; the output is {@code last_hidden_state}.
 * Parameter names are HF's ({@code text_model.encoder.layers.N.self_attn.q_proj.weight}, ...).
 *
 * <p>Dimensions: B batch, T tokens (≤ max_position_embeddings, 77), H width (1024 for SD 2.1).
 */
public final class ClipTextModel extends DiffusersBlock {
    private final ClipTextTransformer textModel;

    /** The module tree of {@code config}; weights come with {@link #load}. */
    public ClipTextModel(ClipTextConfig config) {
        textModel = child("text_model", new ClipTextTransformer(config));
    }

    /** The architecture this model was built from. */
    public ClipTextConfig config() {
        return textModel.config();
    }

    /**
     * Loads HF CLIPTextModel weights strictly, leaving out the {@code position_ids} buffer that
     * checkpoints saved by transformers 4.25 (SD 2.1's) carry.
     */
    public void loadHf(StateDict weights, NDManager manager, ModelDType dtype) {
        load(PositionIdBuffers.without(weights), manager, dtype);
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
        return textModel.forward(inputIds,
                (module, output) -> probe.record("text_model." + module, output));
    }
}
