package diffusionsat.model;

import ai.djl.ndarray.NDArray;

/**
 * Observes the output of named submodules during a forward pass, as a PyTorch forward hook does
 * (the parity fixtures store such outputs). The array may be freed once the call returns, so an
 * implementation copies what it needs at once.
 */
@FunctionalInterface
public interface ForwardProbe {
    /** A probe that records nothing. */
    ForwardProbe NONE = (module, output) -> { };

    /**
     * Called with the diffusers module path (for example {@code down_blocks.1}) and its output.
     */
    void record(String module, NDArray output);
}
