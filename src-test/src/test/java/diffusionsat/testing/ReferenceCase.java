package diffusionsat.testing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import diffusionsat.io.checkpoint.StateDict;
import diffusionsat.io.checkpoint.WeightFiles;
import diffusionsat.io.json.DiffusersJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One upstream reference case folder (shared/fixtures/reference/MANIFEST.md): its case.json,
 * optional config.json, inputs, outputs and weights.
 */
public record ReferenceCase(Path dir, JsonNode description) {
    private static final ObjectMapper JSON = DiffusersJson.MAPPER;

    /** Opens the case in {@code dir} (a folder holding case.json). */
    public static ReferenceCase open(Path dir) {
        return new ReferenceCase(dir, readJson(dir.resolve("case.json")));
    }

    /** The folder name, e.g. {@code a_satunet_metadata}. */
    public String name() {
        return dir.getFileName().toString();
    }

    /** The model config.json of this case, if it has one. */
    public Optional<JsonNode> config() {
        Path file = dir.resolve("config.json");
        return Files.isRegularFile(file) ? Optional.of(readJson(file)) : Optional.empty();
    }

    /** {@code _class_name} of config.json, or "" without one. */
    public String configClass() {
        return config().map(c -> c.path("_class_name").asText("")).orElse("");
    }

    /** The case this one takes the weights of {@code model} from ({@code weights_from}). */
    public Optional<ReferenceCase> weightsFrom(String model) {
        JsonNode from = description.path("weights_from").path(model);
        if (!from.isTextual() || from.asText().endsWith(".json")) {
            return Optional.empty();
        }
        return Optional.of(open(dir.resolve(from.asText()).normalize()));
    }

    /** Whether inputs/{@code name}.npy exists. */
    public boolean hasInput(String name) {
        return description.path("inputs").has(name);
    }

    /** Names of the stored outputs (case.json "outputs" keys, e.g. intermediate/conv_in). */
    public List<String> outputNames() {
        List<String> names = new ArrayList<>();
        description.path("outputs").fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** inputs/{@code name}.npy. */
    public Npy input(String name) {
        return npy(description.path("inputs").path(name));
    }

    /** outputs/{@code name}.npy. */
    public Npy output(String name) {
        return npy(description.path("outputs").path(name));
    }

    /** An input as an array in {@code manager}: int64 stays int64, the rest becomes float32. */
    public NDArray inputArray(NDManager manager, String name) {
        Npy npy = input(name);
        Shape shape = new Shape(npy.shape());
        return npy.dtype().equals("i8") ? manager.create(npy.longs(), shape)
                : manager.create(npy.floats(), shape);
    }

    /** The case's model weights, read from diffusion_pytorch_model.bin (torch.save zip). */
    public StateDict weights() {
        return WeightFiles.read(dir.resolve("diffusion_pytorch_model.bin"));
    }

    private Npy npy(JsonNode entry) {
        if (!entry.has("file")) {
            throw new IllegalArgumentException(name() + ": no such array " + entry);
        }
        try {
            return Npy.read(dir.resolve(entry.get("file").asText()));
        } catch (IOException e) {
            throw new UncheckedIOException(name() + ": " + entry, e);
        }
    }

    private static JsonNode readJson(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
