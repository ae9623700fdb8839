package diffusionsat.model.ops;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import diffusionsat.model.DiffusersBlock;

/**
 * diffusers {@code Attention} (attention_processor.py, AttnProcessor): multi-head scaled
 * dot-product attention with {@code to_q}, {@code to_k}, {@code to_v} (no bias) and
 * {@code to_out.0} (with bias). Self-attention when the context is the input itself.
 *
 * <p>Dimensions: B batch, N query tokens, M context tokens, h heads, d = head dimension.
 */
public final class Attention extends DiffusersBlock {
    private final int heads;
    private final boolean upcast;
    private final Linear toQ;
    private final Linear toK;
    private final Linear toV;
    private final Linear toOut;

    /**
     * @param queryDim channels of the queries and of the output
     * @param contextDim channels of the keys/values' source ({@code queryDim} for self-attention)
     * @param heads number of heads h
     * @param headDim channels per head d; inner width h·d
     * @param upcast compute scores and softmax in float32 ({@code upcast_attention})
     */
    public Attention(int queryDim, int contextDim, int heads, int headDim, boolean upcast) {
        int inner = heads * headDim;
        this.heads = heads;
        this.upcast = upcast;
        toQ = child("to_q", new Linear(queryDim, inner, false));
        toK = child("to_k", new Linear(contextDim, inner, false));
        toV = child("to_v", new Linear(contextDim, inner, false));
        toOut = child("to_out.0", new Linear(inner, queryDim)); // to_out.1 is Dropout
    }

    /** (B, N, queryDim), context (B, M, contextDim) -> (B, N, queryDim). */
    public NDArray forward(NDArray hidden, NDArray context) {
        return Scope.run(() -> toOut.forward(
                attend(toQ.forward(hidden), toK.forward(context), toV.forward(context), heads,
                        upcast)));
    }

    /**
     * softmax(q kᵀ / √d) v per head, the heads split from and merged back into the channel axis.
     * The scale is applied to q before the product (d·N multiplications instead of N·M); the
     * result differs from upstream's baddbmm(alpha = scale) only by float rounding.
     *
     * @param q (B, N, h·d)
     * @param k (B, M, h·d)
     * @param v (B, M, h·d)
     * @return (B, N, h·d)
     */
    public static NDArray attend(NDArray q, NDArray k, NDArray v, int heads, boolean upcast) {
        return Scope.run(() -> {
            long batch = q.getShape().get(0);
            long headDim = q.getShape().get(2) / heads;
            float scale = (float) (1 / Math.sqrt(headDim));
            DataType type = q.getDataType();
            NDArray qh = toHeads(q.mul(scale), heads);
            NDArray kh = toHeads(k, heads);
            if (upcast && type != DataType.FLOAT32) {
                qh = qh.toType(DataType.FLOAT32, false);
                kh = kh.toType(DataType.FLOAT32, false);
            }
            NDArray scores = qh.batchMatMul(kh.transpose(0, 2, 1)); // (B·h, N, M)
            NDArray probabilities = scores.softmax(-1).toType(type, false);
            NDArray out = probabilities.batchMatMul(toHeads(v, heads)); // (B·h, N, d)
            return out.reshape(batch, heads, -1, headDim) // (B, h, N, d)
                    .transpose(0, 2, 1, 3) // (B, N, h, d)
                    .reshape(batch, -1, heads * headDim); // (B, N, h·d)
        });
    }

    private static NDArray toHeads(NDArray x, int heads) {
        long batch = x.getShape().get(0);
        long headDim = x.getShape().get(2) / heads;
        return x.reshape(batch, -1, heads, headDim) // (B, T, h, d)
                .transpose(0, 2, 1, 3) // (B, h, T, d)
                .reshape(batch * heads, -1, headDim); // (B·h, T, d)
    }
}
