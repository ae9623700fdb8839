package diffusionsat.job.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The files of a checkpoint folder that the launcher checks before Spark starts (no weights):
 * enough to reach the next check, never enough to run a model.
 */
final class CheckpointSkeleton {
    /** {@code controlnet/config.json} of each {@code make-checkpoint --controlnet} preset. */
    private static final Map<String, String> CONTROLNETS = Map.of(
            "superres", "{\"_class_name\": \"ControlNetModel\", \"conditioning_in_channels\": 10}",
            "xbd", "{\"_class_name\": \"ControlNetModel\", \"conditioning_in_channels\": 3}",
            "temporal", "{\"_class_name\": \"ControlNetModel3D\", \"conditioning_in_channels\": 3}");

    private CheckpointSkeleton() {}

    /** Writes the skeleton, with the {@code controlnet} preset's config unless it is empty. */
    static Path write(Path root, String controlnet) throws IOException {
        Files.createDirectories(root);
        Files.writeString(root.resolve("model_index.json"), "{}");
        for (String model : List.of("unet", "vae", "text_encoder", "tokenizer", "scheduler")) {
            Files.createDirectories(root.resolve(model));
            Files.writeString(root.resolve(model).resolve("config.json"), "{}");
        }
        if (!controlnet.isEmpty()) {
            Files.createDirectories(root.resolve("controlnet"));
            Files.writeString(root.resolve("controlnet/config.json"), CONTROLNETS.get(controlnet));
        }
        return root;
    }
}
