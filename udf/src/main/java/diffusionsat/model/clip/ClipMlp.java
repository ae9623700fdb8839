package diffusionsat.model.clip;

import ai.djl.ndarray.NDArray;
import diffusionsat.model.DiffusersBlock;
import diffusionsat.model.ops.Linear;
import diffusionsat.model.ops.Scope;

/** HF {@code CLIPMLP}: fc1 (H -> inner), the configured activation, fc2 (inner -> H). */
final class ClipMlp extends DiffusersBlock {
    private final ClipActivation activation;
    private final Linear fc1;
    private final Linear fc2;

    ClipMlp(ClipEncoderConfig config) {
        activation = config.hiddenAct();
        fc1 = child("fc1", new Linear(config.hiddenSize(), config.intermediateSize()));
        fc2 = child("fc2", new Linear(config.intermediateSize(), config.hiddenSize()));
    }

    /** (B, T, H) -> (B, T, H). */
    NDArray forward(NDArray hidden) {
        return Scope.run(() -> fc2.forward(activation.apply(fc1.forward(hidden))));
    }
}
