package diffusionsat.model.controlnet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import diffusionsat.model.DiffusersBlock;
import diffusionsat.model.blocks.BasicTransformerBlock;
import diffusionsat.model.ops.GroupNorm;
import diffusionsat.model.ops.Linear;
import diffusionsat.model.ops.Scope;

/**
 * diffusers {@code TransformerTemporalModel} as vendored by DiffusionSat
 * (src/diffusers/models/transformer_temporal.py; DIFFUSIONSAT.md §3.2), one layer: attention
 * across the frames of each pixel. GroupNorm (eps 1e-6) over each clip's (C, F, H, W) volume →
 * tokens, one sequence of length F per (b, y, x) → {@code proj_in} → a BasicTransformerBlock whose
 * {@code attn2} is a second self-attention ({@code double_self_attention}; no text) → {@code
 * proj_out} → + input. No positional encoding: the block is equivariant to frame order.
 *
 * <p>Dimensions: B clips, F frames per clip, C channels, H×W positions, I = heads·headDim.
 */
public final class TransformerTemporalModel extends DiffusersBlock {
    private final GroupNorm norm;
    private final Linear projIn;
    private final BasicTransformerBlock block;
    private final Linear projOut;

    /**
     * @param channels C
     * @param heads attention heads
     * @param headDim channels per head
     * @param groups GroupNorm groups
     */
    public TransformerTemporalModel(int channels, int heads, int headDim, int groups) {
        int inner = heads * headDim;
        norm = child("norm", new GroupNorm(groups, channels, 1e-6f));
        projIn = child("proj_in", new Linear(channels, inner));
        block = childList("transformer_blocks", 1, i -> new BasicTransformerBlock(
                new BasicTransformerBlock.Settings(inner, heads, headDim, 0, false, true, false)))
                .get(0);
        projOut = child("proj_out", new Linear(inner, channels));
    }

    /**
     * @param frames (B·F, C, H, W), frame-major within each clip
     * @param numFrames F
     * @return (B·F, C, H, W)
     */
    public NDArray forward(NDArray frames, int numFrames) {
        Shape s = frames.getShape();
        long batchFrames = s.get(0);
        long channels = s.get(1);
        long height = s.get(2);
        long width = s.get(3);
        long batch = batchFrames / numFrames;
        return Scope.run(() -> {
            NDArray volume = frames.reshape(batch, numFrames, channels, height, width)
                    .transpose(0, 2, 1, 3, 4); // (B, F, C, H, W) -> (B, C, F, H, W)
            NDArray tokens = norm.forward(volume)
                    .transpose(0, 3, 4, 2, 1) // (B, H, W, F, C)
                    .reshape(batch * height * width, numFrames, channels); // (B·H·W, F, C)
            tokens = projOut.forward(block.forward(projIn.forward(tokens), null)); // (B·H·W, F, C)
            // The vendored output path, literally: reshape (not permute) the (F, C) tail as
            // (C, F), permute to (B, C, F, H, W), then reshape that as (B·F, C, H, W). The second
            // reshape reads memory in the order the first one wrote it, so frame f, channel c of
            // pixel (b, y, x) lands at (b·F + f, c, y, x); the fixture d2 checks this.
            NDArray out = tokens.reshape(batch, height, width, channels, numFrames)
                    // (B, H, W, "C", "F")
                    .transpose(0, 3, 4, 1, 2) // (B, "C", "F", H, W)
                    .reshape(batchFrames, channels, height, width); // (B·F, C, H, W)
            return out.add(frames);
        });
    }
}
