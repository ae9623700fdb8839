package diffusionsat.model.ops;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import diffusionsat.io.ConfigException;

/** The activations a diffusers config may name ({@code act_fn}, {@code timestep_post_act}). */
public enum ActivationFunction {
    /** {@code silu} / {@code swish}: x·σ(x). */
    SILU,
    /** {@code mish}: x·tanh(softplus(x)). */
    MISH,
    /** {@code gelu}: exact (erf) GELU, as {@code nn.GELU()}. */
    GELU;

    /** Applies the activation element-wise. */
    public NDArray apply(NDArray x) {
        return switch (this) {
            // σ(x)·x in place: the engine's swish(x, 1) takes three passes (x·1, σ, product)
            case SILU -> Activation.sigmoid(x).muli(x);
            case MISH -> Activation.mish(x);
            case GELU -> Activation.gelu(x);
        };
    }

    /** Parses a config value; {@code key} names the config entry in the error. */
    public static ActivationFunction parse(String key, String value) {
        return switch (value) {
            case "silu", "swish" -> SILU;
            case "mish" -> MISH;
            case "gelu" -> GELU;
            default -> throw new ConfigException(key, value, "must be silu, swish, mish or gelu");
        };
    }
}
