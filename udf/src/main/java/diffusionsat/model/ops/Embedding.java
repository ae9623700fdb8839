package diffusionsat.model.ops;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.SparseFormat;
import diffusionsat.model.DiffusersBlock;
import diffusionsat.model.Parameter;

/** PyTorch {@code nn.Embedding}: row lookup in {@code weight} [count, dim]. */
public final class Embedding extends DiffusersBlock {
    private final Parameter weight;

    /** A table of {@code count} vectors of width {@code dim}. */
    public Embedding(int count, int dim) {
        weight = parameter("weight", count, dim);
    }

    /**
     * int64 indices (...) -> (..., dim). The indices are the first operand, so the result lives
     * in their manager, not in the weights' (STYLE.md §3.3).
     */
    public NDArray forward(NDArray indices) {
        return ai.djl.nn.core.Embedding.embedding(indices, weight.array(), SparseFormat.DENSE)
                .singletonOrThrow();
    }
}
