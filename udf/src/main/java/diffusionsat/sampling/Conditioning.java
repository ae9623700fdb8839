package diffusionsat.sampling;

import ai.djl.ndarray.NDArray;
import java.util.Objects;

/**
 * What one batch is conditioned on (pipeline.py:211-346, 448-463).
 *
 * @param promptEmbeds (B, M, D) the text encoder's output for the captions
 * @param negativePromptEmbeds (B, M, D) the unconditional text: the encoding of "" in the real
 *     pipeline
 * @param metadata (B, 7) normalised metadata, or null for a UNet without metadata MLPs; the
 *     unconditional half gets zeros
 */
public record Conditioning(NDArray promptEmbeds, NDArray negativePromptEmbeds, NDArray metadata) {
    /** Text embeddings are required. */
    public Conditioning {
        Objects.requireNonNull(promptEmbeds, "promptEmbeds");
        Objects.requireNonNull(negativePromptEmbeds, "negativePromptEmbeds");
    }
}
