package diffusionsat.model.blocks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import diffusionsat.model.DiffusersBlock;
import diffusionsat.model.ops.Conv2d;
import diffusionsat.model.ops.GroupNorm;
import diffusionsat.model.ops.Linear;
import diffusionsat.model.ops.Scope;

/**
 * diffusers {@code Transformer2DModel} for continuous input (transformer_2d.py), one
 * BasicTransformerBlock: GroupNorm (eps 1e-6) → {@code proj_in} → block → {@code proj_out} → +
 * input. The projections are Linear over tokens ({@code use_linear_projection}, SD 2.1) or 1×1
 * convolutions over the feature map.
 *
 * <p>Dimensions: B batch, C channels, H×W positions, I = heads·headDim inner width.
 */
public final class Transformer2DModel extends DiffusersBlock {
    private final boolean linearProjection;
    private final GroupNorm norm;
    private final Linear projInLinear;
    private final Conv2d projInConv;
    private final BasicTransformerBlock block;
    private final Linear projOutLinear;
    private final Conv2d projOutConv;

    /**
     * @param channels C
     * @param groups GroupNorm groups ({@code norm_num_groups})
     * @param linearProjection {@code use_linear_projection}
     * @param block settings of the single transformer block; its {@code dim} is the inner width
     */
    public Transformer2DModel(int channels, int groups, boolean linearProjection,
            BasicTransformerBlock.Settings block) {
        this.linearProjection = linearProjection;
        int inner = block.dim();
        norm = child("norm", new GroupNorm(groups, channels, 1e-6f));
        projInLinear = linearProjection ? child("proj_in", new Linear(channels, inner)) : null;
        projInConv = linearProjection ? null : child("proj_in", new Conv2d(channels, inner, 1));
        this.block = childList("transformer_blocks", 1, i -> new BasicTransformerBlock(block))
                .get(0);
        projOutLinear = linearProjection ? child("proj_out", new Linear(inner, channels)) : null;
        projOutConv = linearProjection ? null : child("proj_out", new Conv2d(inner, channels, 1));
    }

    /**
     * @param x (B, C, H, W)
     * @param context (B, M, crossAttentionDim) text tokens, or {@code null}
     * @return (B, C, H, W)
     */
    public NDArray forward(NDArray x, NDArray context) {
        return Scope.run(() -> {
            Shape shape = x.getShape();
            long batch = shape.get(0);
            long height = shape.get(2);
            long width = shape.get(3);
            NDArray h = norm.forward(x);
            NDArray tokens;
            if (linearProjection) {
                tokens = projInLinear.forward(toTokens(h)); // (B, HW, I)
            } else {
                tokens = toTokens(projInConv.forward(h)); // (B, HW, I)
            }
            tokens = block.forward(tokens, context);
            NDArray out;
            if (linearProjection) {
                out = toMap(projOutLinear.forward(tokens), batch, height, width);
            } else {
                out = projOutConv.forward(toMap(tokens, batch, height, width));
            }
            return out.add(x);
        });
    }

    private static NDArray toTokens(NDArray map) {
        Shape s = map.getShape();
        return map.transpose(0, 2, 3, 1) // (B, H, W, C)
                .reshape(s.get(0), s.get(2) * s.get(3), s.get(1)); // (B, HW, C)
    }

    private static NDArray toMap(NDArray tokens, long batch, long height, long width) {
        return tokens.reshape(batch, height, width, -1) // (B, H, W, C)
                .transpose(0, 3, 1, 2); // (B, C, H, W)
    }
}
