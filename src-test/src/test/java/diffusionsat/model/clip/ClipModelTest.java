package diffusionsat.model.clip;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.ObjectMapper;
import diffusionsat.io.checkpoint.KeyList;
import diffusionsat.io.checkpoint.WeightFiles;
import diffusionsat.model.ModelDType;
import diffusionsat.testing.Fixtures;
import diffusionsat.testing.Npy;
import diffusionsat.testing.Parity;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link ClipModel}'s towers, tokenizer and image processor against the float64 plain-torch
 * reference of metricnets/clip (make_clip.py), and its full-size tree against HF's names.
 */
class ClipModelTest {
    /** float32 Java against a float64 reference; measured errors are ~1e-7 (see the report). */
    private static final double TOLERANCE = 1e-5;

    private static Path fixtures() {
        return Fixtures.projectRoot().resolve("src-test/src/test/resources/metricnets/clip");
    }

    @Test
    void largePatch14TreeHasHfNamesAndShapes() {
        Map<String, long[]> expected = KeyList.read(
                fixtures().resolve("clip_vit_large_patch14_shapes.tsv"));
        ClipConfig config = new ClipConfig(
                new ClipTextConfig(49408, 768, 3072, 12, 12, 77, ClipActivation.QUICK_GELU, 1e-5f),
                new ClipVisionConfig(1024, 4096, 24, 16, 224, 14, ClipActivation.QUICK_GELU,
                        1e-5f),
                768, 2);
        ClipModel model = new ClipModel(config);
        Map<String, Shape> actual = model.parameterShapes();
        Set<String> missing = new HashSet<>(expected.keySet());
        missing.removeAll(actual.keySet());
        Set<String> unexpected = new HashSet<>(actual.keySet());
        unexpected.removeAll(expected.keySet());
        assertAll(() -> assertEquals(Set.of(), missing, "missing"),
                () -> assertEquals(Set.of(), unexpected, "unexpected"),
                () -> expected.forEach((name, shape) ->
                        assertEquals(new Shape(shape), actual.get(name), name)),
                // 427,616,513 weights: the published size of openai/clip-vit-large-patch14
                () -> assertEquals(427_616_513L, model.parameterCount()),
                () -> assertEquals(new Shape(257, 1024), actual.get(
                        "vision_model.embeddings.position_embedding.weight")));
    }

    @Test
    void towersMatchTheTorchReference() throws Exception {
        Path tiny = fixtures().resolve("tiny");
        ClipModel model = new ClipModel(ClipConfig.fromJson(
                new ObjectMapper().readTree(tiny.resolve("config.json").toFile())));
        Npy pixels = Npy.read(fixtures().resolve("pixel_values.npy"));
        Npy ids = Npy.read(fixtures().resolve("input_ids.npy"));
        Parity parity = new Parity("clip tiny");
        try (NDManager manager = NDManager.newBaseManager()) {
            model.loadHf(WeightFiles.read(tiny.resolve("pytorch_model.bin")), manager,
                    ModelDType.F32);
            NDArray images = model.imageFeatures(
                    manager.create(pixels.floats(), new Shape(pixels.shape())));
            NDArray texts = model.textFeatures(manager.create(ids.longs(), new Shape(ids.shape())));
            parity.compare("image_embeds", Npy.read(fixtures().resolve("image_embeds.npy")),
                    images, TOLERANCE);
            parity.compare("text_embeds", Npy.read(fixtures().resolve("text_embeds.npy")),
                    texts, TOLERANCE);
        }
        parity.assertAll();
    }

    @Test
    void processorMatchesTorchAntialiasedBicubicOnSquareWideAndTallImages() throws Exception {
        ClipImageProcessor processor = ClipImageProcessor.read(fixtures().resolve("tiny"), 32);
        double[] expected = Npy.read(fixtures().resolve("pixel_values.npy")).doubles();
        int size = 3 * 32 * 32;
        double[] errors = new double[3];
        for (int i = 0; i < 3; i++) {
            Npy image = Npy.read(fixtures().resolve("image" + i + ".npy"));  // (3, H, W)
            int height = (int) image.shape()[1];
            int width = (int) image.shape()[2];
            float[] actual = processor.pixels(planes(image.floats(), width * height), width,
                    height);
            for (int k = 0; k < size; k++) {
                errors[i] = Math.max(errors[i], Math.abs(actual[k] - expected[i * size + k]));
            }
        }
        System.out.println("PARITY clip processor max|diff| " + Arrays.toString(errors));
        assertAll(Arrays.stream(errors).mapToObj(e -> () -> assertTrue(e <= TOLERANCE,
                "max|diff| " + e)));
    }

    @Test
    void tokenizerGivesTheReferenceIdsWithTruncationAndEmptyCaption() throws Exception {
        ClipTokenizer tokenizer = ClipTokenizer.fromFolder(fixtures().resolve("tiny"));
        List<TokenizedText> texts = new ArrayList<>();
        new ObjectMapper().readTree(fixtures().resolve("cases.json").toFile()).path("captions")
                .forEach(caption -> texts.add(tokenizer.tokenize(caption.asText())));
        long[] expected = Npy.read(fixtures().resolve("input_ids.npy")).longs();
        long[] actual = texts.stream().flatMapToLong(t -> Arrays.stream(t.ids()).asLongStream())
                .toArray();
        assertAll(() -> assertArrayEquals(expected, actual),
                () -> assertEquals(0, texts.get(1).tokenCount(), "empty caption"),
                () -> assertTrue(texts.get(2).truncated(), "overlong caption"));
    }

    @Test
    void eosPositionFollowsHfRules() {
        long[] ids = {49406, 320, 49407, 0, 0,        // padded with "!" (id 0) after EOS
                      49406, 49407, 49407, 49407, 49407};
        // HF: argmax of the ids where eos_token_id is 2, else the first EOS
        assertAll(() -> assertArrayEquals(new int[] {2, 1}, ClipModel.eosPositions(ids, 5, 2)),
                () -> assertArrayEquals(new int[] {2, 1}, ClipModel.eosPositions(ids, 5, 49407)),
                () -> assertArrayEquals(new int[] {1, 0},
                        ClipModel.eosPositions(new long[] {1, 7, 7, 5, 5, 5}, 3, 7)),
                () -> assertArrayEquals(new int[] {0, 0},
                        ClipModel.eosPositions(new long[] {1, 7, 7, 5, 5, 5}, 3, 9)),
                () -> assertArrayEquals(new int[] {1, 0},
                        ClipModel.eosPositions(new long[] {1, 7, 7, 5, 5, 5}, 3, 2)));
    }

    private static float[][] planes(float[] chw, int plane) {
        float[][] out = new float[3][];
        for (int c = 0; c < 3; c++) {
            out[c] = Arrays.copyOfRange(chw, c * plane, (c + 1) * plane);
        }
        return out;
    }
}
