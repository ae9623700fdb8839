package diffusionsat.sampling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import diffusionsat.io.checkpoint.DiffusersFolder;
import diffusionsat.io.checkpoint.StateDict;
import diffusionsat.model.DiffusersBlock;
import diffusionsat.model.RandomWeights;
import diffusionsat.model.controlnet.ControlNet3DConfig;
import diffusionsat.model.controlnet.ControlNetConfig;
import diffusionsat.model.controlnet.ControlNetModel;
import diffusionsat.model.controlnet.ControlNetModel3D;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds a {@code controlnet/} with seeded random weights to a checkpoint folder (DESIGN.md §5), so
 * that tests and local runs of the conditional jobs have a ControlNet pipeline to load. Unlike
 * upstream's zero-initialised output convolutions, every weight is random, so the condition
 * visibly changes the output. Images from it are noise-like: real images need the released
 * checkpoints.
 */
public final class ControlNetCheckpoints {
    private static final Logger log = LoggerFactory.getLogger(ControlNetCheckpoints.class);
    private static final String MODEL = "controlnet";

    private ControlNetCheckpoints() {}

    /**
     * Writes {@code root/controlnet/} for the UNet of the checkpoint at {@code root} and adds it
     * to {@code model_index.json} (rewritten last, so a folder whose index lists a controlnet is
     * complete).
     */
    public static void add(Path root, ControlNetPreset preset, long seed) {
        DiffusersFolder folder = DiffusersFolder.open(root.toString());
        ObjectNode config = preset.config(folder.config("unet"));
        DiffusersBlock model = switch (preset.className()) {
            case "ControlNetModel3D" -> new ControlNetModel3D(ControlNet3DConfig.fromJson(config));
            default -> new ControlNetModel(ControlNetConfig.fromJson(config));
        };
        StateDict weights = RandomWeights.stateDict(model, seed);
        ObjectNode index = ((ObjectNode) folder.modelIndex()).deepCopy();
        index.putArray(MODEL).add("diffusionsat").add(preset.className());
        DiffusersFolder.write(root, index, Map.<String, JsonNode>of(MODEL, config),
                Map.of(MODEL, weights));
        log.info("added a {} ControlNet with random weights (seed {}, {} parameters) to {}",
                preset, seed, model.parameterCount(), root);
    }
}
