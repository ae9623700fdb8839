package diffusionsat.sampling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import diffusionsat.io.checkpoint.CheckpointFormatException;
import diffusionsat.io.checkpoint.DiffusersFolder;
import diffusionsat.io.checkpoint.StateDict;
import diffusionsat.model.RandomWeights;
import diffusionsat.model.UNetConfig;
import diffusionsat.model.VaeConfig;
import diffusionsat.model.clip.ClipTextConfig;
import diffusionsat.model.clip.ClipTextModel;
import diffusionsat.model.unet.SatUNet;
import diffusionsat.model.vae.AutoencoderKL;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a complete diffusers checkpoint folder with seeded random weights (DESIGN.md §5): what
 * tests, benchmarks and the local default run use, since the released weights cannot be fetched
 * here. Images from it are noise-like: meaningful images need the released DiffusionSat
 * checkpoint. The tokenizer is CLIP's real vocabulary, bundled with the project.
 */
public final class CheckpointMaker {
    private static final Logger log = LoggerFactory.getLogger(CheckpointMaker.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKENIZER_RESOURCES = "/diffusionsat/tokenizer/";
    private static final List<String> TOKENIZER_FILES = List.of("vocab.json", "merges.txt",
            "tokenizer_config.json", "special_tokens_map.json");

    private CheckpointMaker() {}

    /**
     * Writes {@code preset} with weights drawn from {@code seed} into {@code root} (created if
     * needed); {@code model_index.json} comes last, so a folder with an index is complete.
     */
    public static void write(Path root, CheckpointPreset preset, long seed) {
        log.info("writing a {} checkpoint with random weights (seed {}) to {}", preset, seed, root);
        try {
            copyTokenizer(root.resolve("tokenizer"));
            writeJson(root.resolve("scheduler").resolve("scheduler_config.json"),
                    CheckpointPreset.schedulerConfig());
        } catch (IOException e) {
            throw new CheckpointFormatException(root.toString(), "cannot write: " + e.getMessage(),
                    e);
        }
        Map<String, JsonNode> configs = new LinkedHashMap<>();
        configs.put("unet", preset.unetConfig());
        configs.put("vae", preset.vaeConfig());
        configs.put("text_encoder", preset.textEncoderConfig());
        Map<String, StateDict> weights = new LinkedHashMap<>();
        // Built from the written configs, so the weights match what a loader will construct.
        weights.put("unet", RandomWeights.stateDict(
                new SatUNet(UNetConfig.fromJson(configs.get("unet"))), seed));
        weights.put("vae", RandomWeights.stateDict(
                new AutoencoderKL(VaeConfig.fromJson(configs.get("vae"))), seed + 1));
        weights.put("text_encoder", RandomWeights.stateDict(
                new ClipTextModel(ClipTextConfig.fromJson(configs.get("text_encoder"))), seed + 2));
        DiffusersFolder.write(root, modelIndex(preset, seed), configs, weights);
    }

    /**
     * Writes {@code preset} as {@link #write(Path, CheckpointPreset, long)} does, plus a {@code
     * controlnet/} of {@code controlnet} copied from its UNet's architecture (the conditional
     * jobs' checkpoints, DESIGN.md §5).
     */
    public static void write(Path root, CheckpointPreset preset, ControlNetPreset controlnet,
            long seed) {
        write(root, preset, seed);
        ControlNetCheckpoints.add(root, controlnet, seed + 3);
    }

    private static ObjectNode modelIndex(CheckpointPreset preset, long seed) {
        ObjectNode index = JSON.createObjectNode();
        index.put("_class_name", "DiffusionSatPipeline").put("_diffusers_version", "0.17.0.dev0");
        index.set("scheduler", JSON.valueToTree(List.of("diffusers", "DDIMScheduler")));
        index.set("text_encoder", JSON.valueToTree(List.of("transformers", "CLIPTextModel")));
        index.set("tokenizer", JSON.valueToTree(List.of("transformers", "CLIPTokenizer")));
        index.set("unet", JSON.valueToTree(List.of("diffusionsat", "SatUNet")));
        index.set("vae", JSON.valueToTree(List.of("diffusers", "AutoencoderKL")));
        // Says plainly what this is: not a trained model.
        index.set("_generated", JSON.valueToTree(Map.of("preset", preset.name().toLowerCase(
                java.util.Locale.ROOT), "seed", seed, "weights", "random (RandomWeights)")));
        return index;
    }

    private static void copyTokenizer(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (String name : TOKENIZER_FILES) {
            try (InputStream in = CheckpointMaker.class.getResourceAsStream(
                    TOKENIZER_RESOURCES + name)) {
                if (in == null) {
                    throw new IOException("bundled tokenizer file " + name + " is missing");
                }
                Files.copy(in, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static void writeJson(Path file, JsonNode json) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(json));
    }
}
