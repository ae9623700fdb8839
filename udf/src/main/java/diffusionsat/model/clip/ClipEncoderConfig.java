package diffusionsat.model.clip;

/**
 * The widths one stack of HF {@code CLIPEncoderLayer}s is built from; the text and the vision
 * tower of CLIP share the layer layout and differ only in these values.
 */
public sealed interface ClipEncoderConfig permits ClipTextConfig, ClipVisionConfig {
    /** Width of the token vectors. */
    int hiddenSize();

    /** Inner width of each MLP. */
    int intermediateSize();

    /** Encoder layers. */
    int numHiddenLayers();

    /** Heads per attention; divides {@link #hiddenSize()}. */
    int numAttentionHeads();

    /** The MLP activation. */
    ClipActivation hiddenAct();

    /** Epsilon of every LayerNorm. */
    float layerNormEps();
}
