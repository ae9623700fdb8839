package diffusionsat.model.blocks;

import ai.djl.ndarray.NDArray;
import diffusionsat.model.DiffusersBlock;
import diffusionsat.model.ops.Attention;
import diffusionsat.model.ops.FeedForward;
import diffusionsat.model.ops.LayerNorm;
import diffusionsat.model.ops.Scope;

/**
 * diffusers {@code BasicTransformerBlock} (attention.py) with layer norms and a GEGLU
 * feed-forward (DIFFUSIONSAT.md §2): x += attn1(norm1(x)); x += attn2(norm2(x), context);
 * x += ff(norm3(x)). LayerNorm eps 1e-5; attention without q/k/v bias.
 *
 * <p>Variants: {@code onlyCrossAttention} makes attn1 a cross-attention too; {@code
 * doubleSelfAttention} makes attn2 a second self-attention (TransformerTemporalModel); with
 * neither a cross-attention width nor double self-attention there is no attn2 / norm2.
 */
public final class BasicTransformerBlock extends DiffusersBlock {
    private final boolean onlyCrossAttention;
    private final LayerNorm norm1;
    private final Attention attn1;
    private final LayerNorm norm2;
    private final Attention attn2;
    private final LayerNorm norm3;
    private final FeedForward ff;

    /**
     * Construction settings.
     *
     * @param dim channels C of the tokens
     * @param heads number of heads
     * @param headDim channels per head (heads·headDim is the attention's inner width)
     * @param crossAttentionDim channels of the context tokens, 0 for none
     */
    public record Settings(int dim, int heads, int headDim, int crossAttentionDim,
            boolean onlyCrossAttention, boolean doubleSelfAttention, boolean upcastAttention) {
        /** Checks the combination. */
        public Settings {
            if (onlyCrossAttention && crossAttentionDim == 0) {
                throw new IllegalArgumentException("only_cross_attention needs a context width");
            }
        }
    }

    /** A block built from {@code s}. */
    public BasicTransformerBlock(Settings s) {
        onlyCrossAttention = s.onlyCrossAttention();
        int dim = s.dim();
        norm1 = child("norm1", new LayerNorm(dim));
        attn1 = child("attn1", new Attention(dim, onlyCrossAttention ? s.crossAttentionDim() : dim,
                s.heads(), s.headDim(), s.upcastAttention()));
        boolean hasSecond = s.crossAttentionDim() != 0 || s.doubleSelfAttention();
        norm2 = hasSecond ? child("norm2", new LayerNorm(dim)) : null;
        int secondContext = s.doubleSelfAttention() ? dim : s.crossAttentionDim();
        attn2 = hasSecond ? child("attn2", new Attention(dim, secondContext, s.heads(),
                s.headDim(), s.upcastAttention())) : null;
        norm3 = child("norm3", new LayerNorm(dim));
        ff = child("ff", new FeedForward(dim));
    }

    /**
     * @param x (B, N, C)
     * @param context (B, M, crossAttentionDim), or {@code null} where attn2 is self-attention
     * @return (B, N, C)
     */
    public NDArray forward(NDArray x, NDArray context) {
        return Scope.run(() -> {
            NDArray normed = norm1.forward(x);
            NDArray h = x.add(attn1.forward(normed, onlyCrossAttention ? context : normed));
            if (attn2 != null) {
                NDArray normed2 = norm2.forward(h);
                h = h.add(attn2.forward(normed2, context == null ? normed2 : context));
            }
            return h.add(ff.forward(norm3.forward(h)));
        });
    }
}
