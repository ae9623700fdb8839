package diffusionsat.model.controlnet;

import ai.djl.ndarray.types.DataType;
import diffusionsat.model.DiffusersBlock;
import diffusionsat.model.Parameter;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code mixing_attns} of controlnet_3d.py: one scalar per temporal slot (keys {@code
 * mixing_attns.0} … , shape []), initialised to 0 upstream. Only the transformer slots use theirs.
 */
final class MixingAttentions extends DiffusersBlock {
    private final List<Parameter> alphas = new ArrayList<>();

    MixingAttentions(int slots) {
        for (int i = 0; i < slots; i++) {
            alphas.add(parameter(String.valueOf(i)));
        }
    }

    /**
     * α of {@code slot}, clamped to [0, 1] as upstream's {@code MixingParam} does in the forward
     * pass (its straight-through gradient matters only for training).
     */
    float alpha(int slot) {
        float raw = alphas.get(slot).array().toType(DataType.FLOAT32, false).getFloat();
        return Math.min(1f, Math.max(0f, raw));
    }
}
