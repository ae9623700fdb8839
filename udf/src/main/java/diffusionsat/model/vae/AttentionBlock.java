package diffusionsat.model.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import diffusionsat.model.DiffusersBlock;
import diffusionsat.model.ops.Attention;
import diffusionsat.model.ops.GroupNorm;
import diffusionsat.model.ops.Linear;
import diffusionsat.model.ops.Scope;

/**
 * The legacy single-head {@code AttentionBlock} of diffusers 0.17 (attention.py) in the VAE's mid
 * block (reference MANIFEST fact 12): {@code group_norm} → {@code query}/{@code key}/{@code value}
 * (with bias) over the H·W positions → softmax(q kᵀ/√C) v → {@code proj_attn} → + input.
 */
public final class AttentionBlock extends DiffusersBlock {
    private final GroupNorm groupNorm;
    private final Linear query;
    private final Linear key;
    private final Linear value;
    private final Linear projAttn;

    /** Attention over {@code channels}, GroupNorm with {@code groups} and {@code eps}. */
    public AttentionBlock(int channels, int groups, float eps) {
        groupNorm = child("group_norm", new GroupNorm(groups, channels, eps));
        query = child("query", new Linear(channels, channels));
        key = child("key", new Linear(channels, channels));
        value = child("value", new Linear(channels, channels));
        projAttn = child("proj_attn", new Linear(channels, channels));
    }

    /** (B, C, H, W) -> (B, C, H, W). */
    public NDArray forward(NDArray x) {
        return Scope.run(() -> {
            Shape shape = x.getShape();
            NDArray tokens = groupNorm.forward(x)
                    .reshape(shape.get(0), shape.get(1), -1) // (B, C, HW)
                    .transpose(0, 2, 1); // (B, HW, C)
            NDArray attended = Attention.attend(query.forward(tokens), key.forward(tokens),
                    value.forward(tokens), 1, true); // legacy block: softmax in fp32
            NDArray out = projAttn.forward(attended)
                    .transpose(0, 2, 1) // (B, C, HW)
                    .reshape(shape);
            return out.add(x);
        });
    }
}
