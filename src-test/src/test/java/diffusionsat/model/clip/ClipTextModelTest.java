package diffusionsat.model.clip;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.ObjectMapper;
import diffusionsat.io.ConfigException;
import diffusionsat.model.ModelDType;
import diffusionsat.model.RandomWeights;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Structure, configuration and causality of {@link ClipTextModel}. */
class ClipTextModelTest {
    private static final ClipTextConfig TINY =
            new ClipTextConfig(100, 16, 32, 2, 4, 8, ClipActivation.GELU, 1e-5f);

    @Test
    void sd21TreeHasHfNamesAndSize() {
        Map<String, Shape> shapes = new ClipTextModel(ClipTextConfig.sd21()).parameterShapes();
        long count = shapes.values().stream().mapToLong(Shape::size).sum();
        // 2 embeddings + 23 layers x 16 tensors + final LayerNorm weight and bias
        assertAll(() -> assertEquals(2 + 23 * 16 + 2, shapes.size()),
                // SD 2.1 text encoder: 340,387,840 parameters (49408·1024 + 77·1024
                // + 23·12,596,224 + 2·1024)
                () -> assertEquals(340_387_840L, count),
                () -> assertEquals(new Shape(49408, 1024),
                        shapes.get("text_model.embeddings.token_embedding.weight")),
                () -> assertEquals(new Shape(1024, 1024),
                        shapes.get("text_model.encoder.layers.22.self_attn.q_proj.weight")),
                () -> assertEquals(new Shape(4096, 1024),
                        shapes.get("text_model.encoder.layers.0.mlp.fc1.weight")),
                () -> assertEquals(new Shape(1024),
                        shapes.get("text_model.final_layer_norm.bias")));
    }

    @Test
    void configReadsHiddenActAndRejectsUnknownOnes() throws Exception {
        ObjectMapper json = new ObjectMapper();
        ClipTextConfig quick = ClipTextConfig.fromJson(json.readTree("{\"hidden_size\": 64, "
                + "\"num_attention_heads\": 4, \"hidden_act\": \"quick_gelu\"}"));
        assertAll(() -> assertEquals(ClipActivation.QUICK_GELU, quick.hiddenAct()),
                () -> assertEquals(16, quick.headDim()),
                () -> assertThrows(ConfigException.class, () -> ClipTextConfig.fromJson(
                        json.readTree("{\"hidden_act\": \"gelu_new\"}"))),
                () -> assertThrows(ConfigException.class, () -> ClipTextConfig.fromJson(
                        json.readTree("{\"hidden_size\": 30, \"num_attention_heads\": 4}"))));
    }

    @Test
    void quickGeluIsXTimesSigmoidOf1702X() {
        try (NDManager manager = NDManager.newBaseManager()) {
            float[] x = {-3f, -0.5f, 0f, 0.7f, 2f};
            float[] actual = ClipActivation.QUICK_GELU.apply(manager.create(x)).toFloatArray();
            float[] expected = new float[x.length];
            for (int i = 0; i < x.length; i++) {
                expected[i] = (float) (x[i] / (1 + Math.exp(-1.702 * x[i])));
            }
            assertArrayEquals(expected, actual, 1e-6f);          // float32 rounding of O(1)
        }
    }

    @Test
    void laterTokensDoNotChangeEarlierOutputs() {
        ClipTextModel model = new ClipTextModel(TINY);
        try (NDManager manager = NDManager.newBaseManager()) {
            RandomWeights.initialize(model, manager, ModelDType.F32, 7);
            long[] ids = {1, 5, 9, 13, 17, 21, 25, 29};
            long[] changed = ids.clone();
            changed[5] = 99;
            NDArray a = model.forward(manager.create(ids, new Shape(1, 8)));
            NDArray b = model.forward(manager.create(changed, new Shape(1, 8)));
            // causal mask: positions 0..4 see only tokens 0..4, which are the same
            float[] before = a.get(new NDIndex(":, 0:5, :")).toFloatArray();
            float[] after = b.get(new NDIndex(":, 0:5, :")).toFloatArray();
            assertAll(() -> assertArrayEquals(before, after),
                    () -> assertFalse(Arrays.equals(a.toFloatArray(), b.toFloatArray())));
        }
    }

    @Test
    void inputIdsStackTokenizedCaptions() {
        int[] first = {49406, 320, 49407, 0};
        int[] second = {49406, 321, 322, 49407};
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray ids = ClipTextModel.inputIds(manager, List.of(
                    new TokenizedText(first, false, 1), new TokenizedText(second, false, 2)));
            assertAll(() -> assertEquals(new Shape(2, 4), ids.getShape()),
                    () -> assertArrayEquals(new long[] {49406, 320, 49407, 0, 49406, 321, 322,
                            49407}, ids.toLongArray()));
        }
    }
}
