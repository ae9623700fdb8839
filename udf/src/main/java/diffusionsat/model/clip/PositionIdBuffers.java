package diffusionsat.model.clip;

import diffusionsat.io.checkpoint.HostTensor;
import diffusionsat.io.checkpoint.StateDict;
import java.util.List;

/**
 * The {@code *.embeddings.position_ids} buffers (0..n-1, int64) that checkpoints saved by older
 * transformers (4.25, SD 2.1's, among them) carry beside each CLIP tower; they are not weights.
 */
final class PositionIdBuffers {
    private static final String SUFFIX = "embeddings.position_ids";

    private PositionIdBuffers() {}

    /** {@code weights} without the position-id buffers. */
    static StateDict without(StateDict weights) {
        List<HostTensor> tensors = weights.names().stream()
                .filter(name -> !name.endsWith(SUFFIX)).map(weights::get).toList();
        return StateDict.of(weights.source(), tensors);
    }
}
