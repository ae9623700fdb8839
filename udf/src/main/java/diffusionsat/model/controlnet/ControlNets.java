package diffusionsat.model.controlnet;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import diffusionsat.io.ConfigException;
import diffusionsat.io.checkpoint.StateDict;
import diffusionsat.model.ModelDType;

/**
 * Loads the ControlNet of a checkpoint's {@code controlnet/} folder, 2D or 3D as its config's
 * {@code _class_name} says (DIFFUSIONSAT.md §8: the released ControlNet zips hold a pipeline root
 * plus {@code controlnet/}).
 */
public final class ControlNets {
    private ControlNets() {}

    /**
     * @param config the folder's config.json ({@code ControlNetModel} or {@code
     *     ControlNetModel3D})
     * @param weights the folder's state dict; loading is strict (every key, every shape)
     * @param manager where the weights live (the executor's model manager)
     */
    public static ControlNet load(JsonNode config, StateDict weights, NDManager manager,
            ModelDType dtype) {
        String className = config.path("_class_name").asText("");
        switch (className) {
            case "ControlNetModel" -> {
                ControlNetModel model = new ControlNetModel(ControlNetConfig.fromJson(config));
                model.load(weights, manager, dtype);
                return model;
            }
            case "ControlNetModel3D" -> {
                ControlNetModel3D model = new ControlNetModel3D(
                        ControlNet3DConfig.fromJson(config));
                model.load(weights, manager, dtype);
                return model;
            }
            default -> throw new ConfigException("controlnet._class_name", className,
                    "must be ControlNetModel or ControlNetModel3D");
        }
    }
}
