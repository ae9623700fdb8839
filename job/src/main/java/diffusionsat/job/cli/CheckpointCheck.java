package diffusionsat.job.cli;

import com.fasterxml.jackson.databind.JsonNode;
import diffusionsat.io.ConfigException;
import diffusionsat.io.json.DiffusersJson;
import diffusionsat.io.storage.Storage;
import java.io.IOException;
import java.util.List;

/**
 * Checks a checkpoint folder before Spark starts (DESIGN.md §5 layout): that it is there, has
 * every model folder, and, for a conditional job, a {@code controlnet/} of the kind the job
 * feeds. Each failure is one line naming {@code model.checkpoint}, the folder and what would do.
 */
final class CheckpointCheck {
    private static final String KEY = "model.checkpoint";
    /** The parts of the single-image pipeline and the file that marks each (PipelineLoader). */
    private static final List<String> PARTS = List.of("model_index.json", "unet/config.json",
            "vae/config.json", "text_encoder/config.json", "tokenizer", "scheduler");

    /**
     * The ControlNet a job needs.
     *
     * @param temporal the 3D ControlNet (frames over time); null when either kind does
     * @param channels conditioning channels per frame
     * @param preset the {@code make-checkpoint --controlnet} preset that writes a small one
     */
    record ControlNetNeed(Boolean temporal, int channels, String preset) {
        static final ControlNetNeed SUPERRES = new ControlNetNeed(false, 10, "superres");
        static final ControlNetNeed XBD = new ControlNetNeed(false, 3, "xbd");
        static final ControlNetNeed CLOUDS = new ControlNetNeed(null, 3, "temporal");
        static final ControlNetNeed TEMPORAL = new ControlNetNeed(true, 3, "temporal");

        String describe() {
            String kind = temporal == null ? "a" : temporal ? "the 3D" : "a 2D";
            return kind + " ControlNet with " + channels + " conditioning channels";
        }
    }

    private CheckpointCheck() {}

    /** A single-image pipeline: {@code generate}. */
    static void requirePipeline(Storage storage, String checkpoint, String job) {
        if (checkpoint.isBlank()) {
            throw new ConfigException(KEY, "(unset)", job + " needs a diffusers checkpoint"
                    + " folder; write a small one with `diffusionsat make-checkpoint --output"
                    + " DIR` or use the released model");
        }
        if (!storage.exists(checkpoint)) {
            throw new ConfigException(KEY, checkpoint, "does not exist; write a small"
                    + " checkpoint with `diffusionsat make-checkpoint --output DIR` or use the"
                    + " released model");
        }
        for (String part : PARTS) {
            if (!storage.exists(checkpoint + "/" + part)) {
                throw new ConfigException(KEY, checkpoint, "is not a complete diffusers"
                        + " checkpoint folder: " + part + " is missing (it needs "
                        + String.join(", ", PARTS) + ")");
            }
        }
    }

    /** A pipeline with the ControlNet {@code need} describes. */
    static void requireControlNet(Storage storage, String checkpoint, String job,
            ControlNetNeed need) {
        requirePipeline(storage, checkpoint, job);
        String make = " (`diffusionsat make-checkpoint --output DIR --controlnet " + need.preset()
                + "` writes a small one)";
        String config = checkpoint + "/controlnet/config.json";
        if (!storage.exists(config)) {
            throw new ConfigException(KEY, checkpoint, "has no controlnet/config.json; " + job
                    + " needs " + need.describe() + make);
        }
        JsonNode json = read(storage, config);
        boolean temporal = "ControlNetModel3D".equals(json.path("_class_name").asText());
        int channels = json.path("conditioning_in_channels").asInt(3); // diffusers' default
        boolean kindFits = need.temporal() == null || need.temporal() == temporal;
        if (!kindFits || channels != need.channels()) {
            throw new ConfigException(KEY, checkpoint, "its controlnet/ is " + (temporal
                    ? "the 3D" : "a 2D") + " ControlNet with " + channels + " conditioning"
                    + " channels; " + job + " needs " + need.describe() + make);
        }
    }

    private static JsonNode read(Storage storage, String uri) {
        try {
            return DiffusersJson.MAPPER.readTree(storage.readAllBytes(uri));
        } catch (IOException e) {
            throw new ConfigException(KEY, uri, "is not valid JSON: " + e.getMessage());
        }
    }
}
