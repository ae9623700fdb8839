package diffusionsat.model.clip;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import diffusionsat.io.ConfigException;
import diffusionsat.model.ops.ActivationFunction;

/** The MLP activations an HF {@code CLIPTextConfig} may name in {@code hidden_act}. */
public enum ClipActivation {
    /** {@code gelu}: exact (erf) GELU; SD 2.1's OpenCLIP ViT-H text tower. */
    GELU,
    /** {@code quick_gelu}: x·σ(1.702·x); OpenAI's CLIP (SD 1.x). */
    QUICK_GELU;

    /** Applies the activation element-wise. */
    public NDArray apply(NDArray x) {
        return switch (this) {
            case GELU -> ActivationFunction.GELU.apply(x);
            case QUICK_GELU -> x.mul(Activation.sigmoid(x.mul(1.702f)));
        };
    }

    /** Parses a {@code hidden_act} value; {@code key} names the entry in errors. */
    public static ClipActivation parse(String key, String value) {
        return switch (value) {
            case "gelu" -> GELU;
            case "quick_gelu" -> QUICK_GELU;
            default -> throw new ConfigException(key, value, "must be gelu or quick_gelu");
        };
    }
}
