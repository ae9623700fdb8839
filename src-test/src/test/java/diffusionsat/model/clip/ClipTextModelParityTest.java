package diffusionsat.model.clip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import diffusionsat.io.checkpoint.WeightFiles;
import diffusionsat.model.ModelDType;
import diffusionsat.testing.Fixtures;
import diffusionsat.testing.Npy;
import diffusionsat.testing.Parity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * HF CLIPTextModel parity: every case folder (with a case.json) under the text fixture root
 * (system property {@code fixtures.text}) is one dynamic test named after the folder. The model
 * is built from the case's config.json, loaded from its pytorch_model.bin, run on input_ids.npy;
 * the embeddings, every layer's output and last_hidden_state must match within 1e-4 (MANIFEST.md,
 * "Tolerances": float32 Java against the float32 reference). Where the case lists its captions,
 * the tokenizer must also reproduce input_ids.npy exactly.
 */
class ClipTextModelParityTest {
    /** MANIFEST.md recommendation for a float32 implementation, ~70x the float32 noise. */
    private static final double TOLERANCE = 1e-4;

    @TestFactory
    Stream<DynamicTest> textEncoderCases() {
        return Fixtures.cases(Fixtures.text()).stream()
                .map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> run(dir)));
    }

    private static void run(Path dir) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ClipTextModel model = new ClipTextModel(
                ClipTextConfig.fromJson(json.readTree(dir.resolve("config.json").toFile())));
        Npy inputIds = Npy.read(dir.resolve("input_ids.npy"));
        Parity parity = new Parity(dir.getFileName().toString());
        try (NDManager manager = NDManager.newBaseManager()) {
            model.loadHf(WeightFiles.read(dir.resolve("pytorch_model.bin")), manager,
                    ModelDType.F32);
            Map<String, float[]> probed = new HashMap<>();
            Map<String, long[]> shapes = new HashMap<>();
            NDArray ids = manager.create(inputIds.longs(), new Shape(inputIds.shape()));
            NDArray last = model.forward(ids, (module, output) -> {
                probed.put(module, output.toFloatArray());
                shapes.put(module, output.getShape().getShape());
            });
            parity.compare("last_hidden_state", npy(dir, "last_hidden_state.npy"), last,
                    TOLERANCE);
            parity.compare("embeddings_output", npy(dir, "embeddings_output.npy"),
                    shapes.get("text_model.embeddings"), probed.get("text_model.embeddings"),
                    TOLERANCE);
            for (int i = 0; i < model.config().numHiddenLayers(); i++) {
                String module = "text_model.encoder.layers." + i;
                parity.compare("hidden_state_after_layer_" + i,
                        npy(dir, "hidden_state_after_layer_" + i + ".npy"), shapes.get(module),
                        probed.get(module), TOLERANCE);
            }
        }
        List<String> captions = captions(json.readTree(dir.resolve("case.json").toFile()));
        Path tokenizerDir = dir.getParent().resolve("tokenizer");
        if (!captions.isEmpty() && Files.isDirectory(tokenizerDir)) {
            ClipTokenizer tokenizer = ClipTokenizer.fromFolder(tokenizerDir);
            long[] expected = inputIds.longs();
            long[] actual = captions.stream()
                    .flatMapToLong(c -> Arrays.stream(tokenizer.tokenize(c).ids())
                            .asLongStream())
                    .toArray();
            parity.check(() -> assertArrayEquals(expected, actual, "tokenized captions"));
        }
        parity.assertAll();
    }

    private static List<String> captions(JsonNode description) {
        List<String> captions = new ArrayList<>();
        description.path("captions").forEach(c -> captions.add(c.asText()));
        return captions;
    }

    private static Npy npy(Path dir, String file) {
        try {
            return Npy.read(dir.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
