package diffusionsat.model.embeddings;

import ai.djl.ndarray.NDArray;
import diffusionsat.model.DiffusersBlock;
import diffusionsat.model.ops.ActivationFunction;
import diffusionsat.model.ops.Linear;
import diffusionsat.model.ops.Scope;

/**
 * diffusers {@code TimestepEmbedding} (embeddings.py; DIFFUSIONSAT.md §1.3): {@code linear_1} →
 * act → {@code linear_2} (→ optional post-activation). Used for {@code time_embedding} and for
 * each of the metadata MLPs {@code metadata_embedding.i}.
 */
public final class TimestepEmbedding extends DiffusersBlock {
    private final ActivationFunction act;
    private final ActivationFunction postAct;
    private final Linear linear1;
    private final Linear linear2;

    /** An MLP C → D → D with SiLU and no post-activation (SD 2.1, the metadata MLPs). */
    public TimestepEmbedding(int inChannels, int embedDim) {
        this(inChannels, embedDim, ActivationFunction.SILU, null);
    }

    /**
     * @param postAct activation after {@code linear_2} ({@code timestep_post_act}), or null
     */
    public TimestepEmbedding(int inChannels, int embedDim, ActivationFunction act,
            ActivationFunction postAct) {
        this.act = act;
        this.postAct = postAct;
        linear1 = child("linear_1", new Linear(inChannels, embedDim));
        linear2 = child("linear_2", new Linear(embedDim, embedDim));
    }

    /** (N, C) -> (N, D). */
    public NDArray forward(NDArray sinusoid) {
        return Scope.run(() -> {
            NDArray out = linear2.forward(act.apply(linear1.forward(sinusoid)));
            return postAct == null ? out : postAct.apply(out);
        });
    }
}
