package diffusionsat.io.checkpoint;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import diffusionsat.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoint folders written here open again; missing parts are errors naming the folder. */
class DiffusersFolderTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path root;

    @Test
    void writtenFolderOpensWithTheSameConfigsAndWeights() throws IOException {
        StateDict unet = StateDict.of(List.of(
                HostTensor.ofFloats("conv_in.weight", new long[] {2, 1, 1, 1}, new float[] {1, 2}),
                HostTensor.ofFloats("conv_in.bias", new long[] {2}, new float[] {3, 4})));
        StateDict textEncoder = StateDict.of(List.of(HostTensor.ofFloats(
                "text_model.final_layer_norm.weight", new long[] {2}, new float[] {5, 6},
                TensorDType.F16)));
        JsonNode index = JSON.readTree("{\"_class_name\": \"DiffusionSatPipeline\","
                + " \"unet\": [\"diffusers\", \"SatUNet\"],"
                + " \"text_encoder\": [\"transformers\", \"CLIPTextModel\"]}");
        ObjectNode unetConfig = JSON.createObjectNode().put("in_channels", 4);
        ObjectNode textConfig = JSON.createObjectNode().put("hidden_size", 2);

        DiffusersFolder.write(root, index, Map.of("unet", unetConfig, "text_encoder", textConfig),
                Map.of("unet", unet, "text_encoder", textEncoder));
        DiffusersFolder folder = DiffusersFolder.open(root.toUri().toString());

        assertAll(() -> assertEquals(index, folder.modelIndex()),
                  () -> assertEquals(unetConfig, folder.config("unet")),
                  () -> assertEquals(textConfig, folder.config("text_encoder")),
                  () -> unet.forEach(t -> assertEquals(t, folder.weights("unet").get(t.name()))),
                  () -> assertEquals(textEncoder.get("text_model.final_layer_norm.weight"),
                          folder.weights("text_encoder").get("text_model.final_layer_norm.weight")),
                  () -> assertTrue(Files.isRegularFile(
                          root.resolve("unet/diffusion_pytorch_model.safetensors"))),
                  () -> assertTrue(Files.isRegularFile(
                          root.resolve("text_encoder/model.safetensors"))),
                  () -> assertEquals(root.resolve("unet"), folder.modelDir("unet")));
    }

    @Test
    void binWeightsAreReadWhenThereIsNoSafetensors() throws IOException {
        Path fixture = Fixtures.reference().resolve("f_vae");
        Files.createDirectories(root.resolve("vae"));
        Files.copy(fixture.resolve("diffusion_pytorch_model.bin"),
                root.resolve("vae/diffusion_pytorch_model.bin"));
        Files.copy(fixture.resolve("config.json"), root.resolve("vae/config.json"));

        DiffusersFolder folder = DiffusersFolder.open(root.toString());
        StateDict vae = folder.weights("vae");
        assertAll(() -> assertTrue(vae.source().endsWith("vae/diffusion_pytorch_model.bin")),
                  () -> assertEquals("AutoencoderKL",
                          folder.config("vae").path("_class_name").asText()),
                  () -> assertTrue(vae.size() > 0));
    }

    @Test
    void missingModelIndexNamesTheFile() {
        CheckpointFormatException e = assertThrows(CheckpointFormatException.class,
                () -> DiffusersFolder.open(root.toString()).modelIndex());
        assertTrue(e.getMessage().contains(root.resolve("model_index.json").toString()),
                e.getMessage());
    }

    @Test
    void missingModelFolderConfigAndWeightsAreNamed() throws IOException {
        Files.createDirectories(root.resolve("unet"));
        DiffusersFolder folder = DiffusersFolder.open(root.toString());

        CheckpointFormatException noFolder = assertThrows(CheckpointFormatException.class,
                () -> folder.weights("controlnet"));
        CheckpointFormatException noConfig = assertThrows(CheckpointFormatException.class,
                () -> folder.config("unet"));
        CheckpointFormatException noWeights = assertThrows(CheckpointFormatException.class,
                () -> folder.weights("unet"));
        assertAll(() -> assertTrue(noFolder.getMessage().contains("controlnet/"),
                          noFolder.getMessage()),
                  () -> assertTrue(noConfig.getMessage().contains("unet/config.json"),
                          noConfig.getMessage()),
                  () -> assertTrue(noWeights.getMessage().contains(root.resolve("unet").toString())
                          && noWeights.getMessage().contains("diffusion_pytorch_model.safetensors"),
                          noWeights.getMessage()));
    }

    @Test
    void weightsThatDisagreeWithTheKeyListFailBeforeUse() {
        StateDict unet = StateDict.of(List.of(
                HostTensor.ofFloats("conv_in.weight", new long[] {2, 1}, new float[2])));
        DiffusersFolder.write(root, JSON.createObjectNode(), Map.of(), Map.of("unet", unet));
        StateDict read = DiffusersFolder.open(root.toString()).weights("unet");

        CheckpointMismatchException e = assertThrows(CheckpointMismatchException.class,
                () -> read.requireExactly(Map.of("conv_in.weight", new long[] {2, 1, 1, 1})));
        assertAll(() -> assertTrue(e.getMessage().contains("conv_in.weight expected [2, 1, 1, 1]"
                          + " got [2, 1]"), e.getMessage()),
                  () -> assertTrue(e.getMessage().contains("unet/diffusion_pytorch_model"),
                          e.getMessage()));
    }

    @Test
    void notAFolderIsRefused() {
        CheckpointFormatException e = assertThrows(CheckpointFormatException.class,
                () -> DiffusersFolder.open(root.resolve("absent").toString()));
        assertTrue(e.getMessage().contains("absent"), e.getMessage());
    }
}
