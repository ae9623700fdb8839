package diffusionsat.io.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import diffusionsat.io.json.DiffusersJson;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;

/**
 * A diffusers checkpoint folder (DESIGN.md §5): {@code model_index.json}, and per model
 * ({@code unet}, {@code vae}, {@code text_encoder}, {@code controlnet}, ...) a folder with
 * {@code config.json} and weights as {@code *.safetensors} or {@code *.bin}. A local path or
 * {@code file:} URI is used in place; any other URI ({@code s3a://...}) is first copied once into
 * a local cache folder through Hadoop's FileSystem.
 */
public final class DiffusersFolder {
    private static final ObjectMapper JSON = DiffusersJson.MAPPER;
    private static final Pattern URI_WITH_SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:.*");
    private static final Pattern MODEL_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");
    /** Weight files in order of preference: diffusers' and transformers' names. */
    private static final List<String> WEIGHT_FILES = List.of(
            "diffusion_pytorch_model.safetensors", "model.safetensors",
            "diffusion_pytorch_model.bin", "pytorch_model.bin");
    private static final String MODEL_INDEX = "model_index.json";
    private static final String CONFIG = "config.json";

    private final Path root;

    private DiffusersFolder(Path root) {
        this.root = root;
    }

    /** Opens a local folder, a {@code file:} URI, or a remote URI with a default configuration. */
    public static DiffusersFolder open(String uriOrPath) {
        return isLocal(uriOrPath) ? openLocal(uriOrPath) : open(uriOrPath, new Configuration());
    }

    /**
     * Opens {@code uriOrPath}; a remote folder is copied with {@code conf} (its {@code fs.s3a.*}
     * settings) into {@code java.io.tmpdir/diffusionsat-checkpoints}.
     */
    public static DiffusersFolder open(String uriOrPath, Configuration conf) {
        Path cacheRoot = Path.of(System.getProperty("java.io.tmpdir"), "diffusionsat-checkpoints");
        return open(uriOrPath, conf, cacheRoot);
    }

    /** As {@link #open(String, Configuration)}, caching remote folders under {@code cacheRoot}. */
    public static DiffusersFolder open(String uriOrPath, Configuration conf, Path cacheRoot) {
        if (isLocal(uriOrPath)) {
            return openLocal(uriOrPath);
        }
        return new DiffusersFolder(RemoteFolderCache.localCopy(uriOrPath, conf, cacheRoot));
    }

    /** The local folder (for a remote checkpoint, its cached copy). */
    public Path root() {
        return root;
    }

    /** {@code model_index.json}: which models the pipeline has and their classes. */
    public JsonNode modelIndex() {
        return readJson(root.resolve(MODEL_INDEX));
    }

    /** {@code <model>/config.json}. */
    public JsonNode config(String model) {
        return readJson(modelDir(model).resolve(CONFIG));
    }

    /**
     * The model's weights: the first of {@code diffusion_pytorch_model.safetensors},
     * {@code model.safetensors}, {@code diffusion_pytorch_model.bin}, {@code pytorch_model.bin};
     * failing those, the folder's only {@code .safetensors} or {@code .bin} file.
     */
    public StateDict weights(String model) {
        return weightsIn(modelDir(model));
    }

    /**
     * {@code config.json} of a single-model folder (a transformers model such as
     * {@code CLIPModel}, its config and weights at the root).
     */
    public JsonNode rootConfig() {
        return readJson(root.resolve(CONFIG));
    }

    /** The weights of a single-model folder, found as {@link #weights(String)} finds them. */
    public StateDict rootWeights() {
        return weightsIn(root);
    }

    private static StateDict weightsIn(Path dir) {
        for (String name : WEIGHT_FILES) {
            if (Files.isRegularFile(dir.resolve(name))) {
                return WeightFiles.read(dir.resolve(name));
            }
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> candidates = files
                    .filter(f -> f.toString().endsWith(".safetensors")
                            || f.toString().endsWith(".bin"))
                    .toList();
            if (candidates.size() == 1) {
                return WeightFiles.read(candidates.get(0));
            }
            throw new CheckpointFormatException(dir.toString(), "no weight file: expected one of "
                    + WEIGHT_FILES + (candidates.isEmpty() ? "" : ", found several " + candidates));
        } catch (IOException e) {
            throw new CheckpointFormatException(dir.toString(), "cannot list: " + e.getMessage(),
                    e);
        }
    }

    /** The model's folder (e.g. {@code tokenizer/} with its vocabulary files). */
    public Path modelDir(String model) {
        Path dir = modelPath(root, model);
        if (!Files.isDirectory(dir)) {
            throw new CheckpointFormatException(root.toString(), "missing model folder " + model
                    + "/");
        }
        return dir;
    }

    /**
     * Writes a checkpoint folder: each model's {@code config.json} and weights (safetensors;
     * {@code model.safetensors} for models the index lists as {@code transformers} ones, else
     * {@code diffusion_pytorch_model.safetensors}), and {@code model_index.json} last, so that a
     * folder with an index is complete.
     */
    public static void write(Path root, JsonNode modelIndex, Map<String, JsonNode> configs,
            Map<String, StateDict> weights) {
        try {
            for (Map.Entry<String, JsonNode> config : configs.entrySet()) {
                writeJson(modelPath(root, config.getKey()).resolve(CONFIG), config.getValue());
            }
            for (Map.Entry<String, StateDict> model : weights.entrySet()) {
                boolean transformers = "transformers".equals(
                        modelIndex.path(model.getKey()).path(0).asText());
                String file = transformers ? "model.safetensors" : WEIGHT_FILES.get(0);
                WeightFiles.writeSafetensors(model.getValue(),
                        modelPath(root, model.getKey()).resolve(file));
            }
            writeJson(root.resolve(MODEL_INDEX), modelIndex);
        } catch (IOException e) {
            throw new CheckpointFormatException(root.toString(), "cannot write: " + e.getMessage(),
                    e);
        }
    }

    private static DiffusersFolder openLocal(String uriOrPath) {
        Path root = uriOrPath.startsWith("file:")
                ? Path.of(URI.create(uriOrPath)) : Path.of(uriOrPath);
        if (!Files.isDirectory(root)) {
            throw new CheckpointFormatException(uriOrPath, "not a checkpoint folder (no such"
                    + " directory)");
        }
        return new DiffusersFolder(root);
    }

    /** A plain path, or a {@code file:} URI; anything else with a scheme goes through Hadoop. */
    private static boolean isLocal(String uriOrPath) {
        return uriOrPath.startsWith("file:") || !URI_WITH_SCHEME.matcher(uriOrPath).matches();
    }

    /** {@code root/model}, refusing names that could leave the folder ({@code ..}, slashes). */
    private static Path modelPath(Path root, String model) {
        if (!MODEL_NAME.matcher(model).matches()) {
            throw new IllegalArgumentException("not a model folder name: " + model);
        }
        return root.resolve(model);
    }

    private static JsonNode readJson(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new CheckpointFormatException(file.toString(), "missing");
        }
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new CheckpointFormatException(file.toString(), "not valid JSON: "
                    + e.getMessage(), e);
        }
    }

    private static void writeJson(Path file, JsonNode json) throws IOException {
        byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(json);
        AtomicFiles.write(file, out -> out.write(bytes));
    }
}
