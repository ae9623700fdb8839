package diffusionsat.model.clip;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import diffusionsat.io.checkpoint.StateDict;
import diffusionsat.model.DiffusersBlock;
import diffusionsat.model.ForwardProbe;
import diffusionsat.model.ModelDType;
import diffusionsat.model.ops.Linear;
import diffusionsat.model.ops.Scope;

/**
 * HF {@code CLIPModel}'s two towers and their projections into one embedding space, as the CLIP
 * score uses them ({@code get_image_features}, {@code get_text_features}). Names:
 * {@code text_model.*}, {@code vision_model.*}, {@code visual_projection.weight} [E, D_v],
 * {@code text_projection.weight} [E, D_t] (both bias-free), and the scalar {@code logit_scale},
 * which the checkpoint holds and strict loading requires but the score does not use.
 *
 * <p>Dimensions: B batch, T tokens, S image side, E projection width.
 */
public final class ClipModel extends DiffusersBlock {
    /** The {@code eos_token_id} of configs written before transformers corrected it. */
    private static final int LEGACY_EOS_TOKEN_ID = 2;

    private final ClipConfig config;
    private final ClipTextTransformer textModel;
    private final ClipVisionTransformer visionModel;
    private final Linear visualProjection;
    private final Linear textProjection;

    /** The module tree of {@code config}; weights come with {@link #loadHf}. */
    public ClipModel(ClipConfig config) {
        this.config = config;
        textModel = child("text_model", new ClipTextTransformer(config.text()));
        visionModel = child("vision_model", new ClipVisionTransformer(config.vision()));
        visualProjection = child("visual_projection",
                new Linear(config.vision().hiddenSize(), config.projectionDim(), false));
        textProjection = child("text_projection",
                new Linear(config.text().hiddenSize(), config.projectionDim(), false));
        parameter("logit_scale");
    }

    /** The architecture this model was built from. */
    public ClipConfig config() {
        return config;
    }

    /** Loads HF CLIPModel weights strictly, leaving out the towers' {@code position_ids}. */
    public void loadHf(StateDict weights, NDManager manager, ModelDType dtype) {
        load(PositionIdBuffers.without(weights), manager, dtype);
    }

    /** Normalised pixels (B, 3, S, S) -> image embeddings (B, E), not unit-normalised. */
    public NDArray imageFeatures(NDArray pixels) {
        return Scope.run(() -> visualProjection.forward(visionModel.forward(pixels)));
    }

    /**
     * int64 token ids (B, T) -> text embeddings (B, E), not unit-normalised: the final
     * LayerNorm's output at each row's EOS position ({@link #eosPositions}), projected.
     */
    public NDArray textFeatures(NDArray inputIds) {
        int tokens = Math.toIntExact(inputIds.getShape().get(1));
        int[] eos = eosPositions(inputIds.toLongArray(), tokens, config.eosTokenId());
        return Scope.run(() -> {
            NDArray hidden = textModel.forward(inputIds, ForwardProbe.NONE);  // (B, T, H)
            NDList pooled = new NDList();
            for (int row = 0; row < eos.length; row++) {
                pooled.add(hidden.get(row, eos[row]));                        // (H)
            }
            return textProjection.forward(NDArrays.stack(pooled));            // (B, E)
        });
    }

    /**
     * Where HF's {@code CLIPTextTransformer} pools each row of {@code ids} (rows of {@code
     * tokens}): for {@code eos_token_id} 2, the value that configs written before transformers
     * fixed it carry (openai/clip-vit-*), the position of the row's largest id (first of ties),
     * which is EOS because CLIP's EOS 49407 is the largest id of its vocabulary; otherwise the
     * first position holding {@code eosTokenId}, or 0 where there is none.
     */
    public static int[] eosPositions(long[] ids, int tokens, int eosTokenId) {
        int[] positions = new int[ids.length / tokens];
        for (int row = 0; row < positions.length; row++) {
            int start = row * tokens;
            positions[row] = eosTokenId == LEGACY_EOS_TOKEN_ID
                    ? firstMaximum(ids, start, tokens) : firstIndexOf(ids, start, tokens, eosTokenId);
        }
        return positions;
    }

    private static int firstMaximum(long[] ids, int start, int tokens) {
        int best = 0;
        for (int t = 1; t < tokens; t++) {
            if (ids[start + t] > ids[start + best]) {
                best = t;
            }
        }
        return best;
    }

    private static int firstIndexOf(long[] ids, int start, int tokens, long id) {
        for (int t = 0; t < tokens; t++) {
            if (ids[start + t] == id) {
                return t;
            }
        }
        return 0;                                 // argmax of an all-false row, as in HF
    }
}
