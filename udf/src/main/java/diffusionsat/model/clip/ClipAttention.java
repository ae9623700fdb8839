package diffusionsat.model.clip;

import ai.djl.ndarray.NDArray;
import diffusionsat.model.DiffusersBlock;
import diffusionsat.model.ops.Attention;
import diffusionsat.model.ops.Linear;
import diffusionsat.model.ops.Scope;

/**
 * HF {@code CLIPAttention} (modeling_clip.py): multi-head self-attention whose four projections
 * all have biases; the scores get the text tower's causal mask, the vision tower's none.
 * Dimensions: B batch, T tokens, H width.
 */
final class ClipAttention extends DiffusersBlock {
    private final int heads;
    private final Linear kProj;
    private final Linear vProj;
    private final Linear qProj;
    private final Linear outProj;

    ClipAttention(ClipEncoderConfig config) {
        int width = config.hiddenSize();
        heads = config.numAttentionHeads();
        kProj = child("k_proj", new Linear(width, width));
        vProj = child("v_proj", new Linear(width, width));
        qProj = child("q_proj", new Linear(width, width));
        outProj = child("out_proj", new Linear(width, width));
    }

    /** (B, T, H), mask (T, T) or null -> (B, T, H). */
    NDArray forward(NDArray hidden, NDArray mask) {
        return Scope.run(() -> outProj.forward(Attention.attend(qProj.forward(hidden),
                kProj.forward(hidden), vProj.forward(hidden), heads, false, mask)));
    }
}
