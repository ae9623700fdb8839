package diffusionsat.model.clip;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import diffusionsat.io.checkpoint.StateDict;
import diffusionsat.model.DiffusersBlock;
import diffusionsat.model.ModelDType;

/**
 * HF {@code CLIPVisionModel}: a {@link ClipVisionTransformer} under {@code vision_model}, so its
 * names are HF's ({@code vision_model.embeddings.class_embedding},
 * {@code vision_model.encoder.layers.N.self_attn.q_proj.weight}, ...); the output is the pooled
 * class token.
 */
public final class ClipVisionModel extends DiffusersBlock {
    private final ClipVisionTransformer visionModel;

    /** The module tree of {@code config}; weights come with {@link #loadHf}. */
    public ClipVisionModel(ClipVisionConfig config) {
        visionModel = child("vision_model", new ClipVisionTransformer(config));
    }

    /** Loads HF CLIPVisionModel weights strictly, leaving out a {@code position_ids} buffer. */
    public void loadHf(StateDict weights, NDManager manager, ModelDType dtype) {
        load(PositionIdBuffers.without(weights), manager, dtype);
    }

    /** Normalised pixels (B, 3, S, S) -> {@code pooler_output} (B, D). */
    public NDArray forward(NDArray pixels) {
        return visionModel.forward(pixels);
    }
}
