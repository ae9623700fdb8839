package diffusionsat.model.clip;

import ai.djl.ndarray.NDArray;
import diffusionsat.model.DiffusersBlock;
import diffusionsat.model.ops.LayerNorm;
import diffusionsat.model.ops.Scope;

/**
 * HF {@code CLIPEncoderLayer}, pre-LayerNorm: x + attn(LN1(x)), then + mlp(LN2(·)); the same in
 * the text and the vision tower.
 * Dimensions: B batch, T tokens, H width.
 */
final class ClipEncoderLayer extends DiffusersBlock {
    private final ClipAttention selfAttn;
    private final LayerNorm layerNorm1;
    private final ClipMlp mlp;
    private final LayerNorm layerNorm2;

    ClipEncoderLayer(ClipEncoderConfig config) {
        selfAttn = child("self_attn", new ClipAttention(config));
        layerNorm1 = child("layer_norm1",
                new LayerNorm(config.hiddenSize(), config.layerNormEps()));
        mlp = child("mlp", new ClipMlp(config));
        layerNorm2 = child("layer_norm2",
                new LayerNorm(config.hiddenSize(), config.layerNormEps()));
    }

    /** (B, T, H), mask (T, T) added to the scores (causal for text, null for vision) -> (B, T, H). */
    NDArray forward(NDArray hidden, NDArray mask) {
        return Scope.run(() -> {
            NDArray attended = hidden.add(selfAttn.forward(layerNorm1.forward(hidden), mask));
            return attended.add(mlp.forward(layerNorm2.forward(attended)));
        });
    }
}
