package diffusionsat.model.controlnet;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import diffusionsat.io.ConfigException;
import diffusionsat.io.checkpoint.StateDict;
import diffusionsat.model.ModelDType;
import diffusionsat.model.UNetConfig;
import diffusionsat.testing.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Parsing and validation of ControlNet config.json files (DIFFUSIONSAT.md §3.1-§3.2). */
class ControlNetConfigTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void controlNetConfigOfCaseCDescribesTheTrunkOfItsUNet() {
        // case c: ControlNetModel.from_unet(unet_a, 10, conditioning_scale=2, [8, 16, 16, 16])
        ControlNetConfig config =
                ControlNetConfig.fromJson(fixtureConfig("c_controlnet2d_superres"));
        UNetConfig unetA = UNetConfig.fromJson(fixtureConfig("a_satunet_metadata"));
        assertAll(
                () -> assertDoesNotThrow(() -> unetA.requireSameArchitecture(config.trunk(), "c")),
                () -> assertEquals(10, config.conditioningInChannels()),
                () -> assertEquals(2, config.conditioningScale()),
                () -> assertEquals(List.of(8, 16, 16, 16),
                        config.conditioningEmbeddingOutChannels()),
                () -> assertEquals(4, config.conditioningDownsampling(),
                        "32 px condition for 8 px latents"));
    }

    @ParameterizedTest(name = "conditioning_scale {0}: strides {1}")
    @CsvSource({"1, 2 2 2", "2, 2 2 1", "3, 2 2 1", "4, 2 1 1", "8, 1 1 1", "16, 1 1 1"})
    void conditioningStridesFollowUpstreamCounter(int scale, String strides) {
        // controlnet.py:57-63: stride 2 while the counter is below 8; doubling unless it is 8
        ControlNetConfig config = ControlNetConfig.fromUNet(UNetConfig.sd21(), 3, scale);
        int[] expected = Arrays.stream(strides.split(" ")).mapToInt(Integer::parseInt).toArray();
        assertArrayEquals(expected, config.conditioningStrides());
    }

    @Test
    void unsupportedControlNetOptionsAreRejectedNamingTheKey() {
        ObjectNode bgr = fixtureConfig("c_controlnet2d_superres").deepCopy()
                .put("controlnet_conditioning_channel_order", "bgr");
        ObjectNode pooled = fixtureConfig("c_controlnet2d_superres").deepCopy()
                .put("global_pool_conditions", true);
        ObjectNode zeroScale = fixtureConfig("c_controlnet2d_superres").deepCopy()
                .put("conditioning_scale", 0);
        assertAll(
                () -> assertMessageNames("controlnet_conditioning_channel_order",
                        () -> ControlNetConfig.fromJson(bgr)),
                () -> assertMessageNames("global_pool_conditions",
                        () -> ControlNetConfig.fromJson(pooled)),
                () -> assertMessageNames("conditioning_scale",
                        () -> ControlNetConfig.fromJson(zeroScale)),
                () -> assertMessageNames("_class_name",
                        () -> ControlNetConfig.fromJson(fixtureConfig("d_controlnet3d"))));
    }

    @Test
    void trunkWithAnotherConvInKernelCannotBeCopied() {
        UNetConfig wideConvIn = UNetConfig.fromJson(fixtureConfig("a_satunet_metadata")
                .deepCopy().put("conv_in_kernel", 5));
        assertThrows(ConfigException.class, () -> ControlNetConfig.fromUNet(wideConvIn, 3, 1));
    }

    @Test
    void controlNet3DConfigReadsTemporalOptionsWithUpstreamSlot0Default() {
        ControlNet3DConfig plain = ControlNet3DConfig.fromJson(fixtureConfig("d_controlnet3d"));
        ControlNet3DConfig temporal = ControlNet3DConfig.fromJson(
                fixtureConfig("d2_controlnet3d_temporal_attn"));
        ControlNet3DConfig configured = ControlNet3DConfig.fromJson(
                fixtureConfig("d2_controlnet3d_temporal_attn").deepCopy()
                        .put("temporal_block_0_num_attention_heads", 2)
                        .put("temporal_block_0_attention_head_dim", 8));
        assertAll(() -> assertEquals(false, plain.useTemporalTransformer()),
                () -> assertEquals(3, plain.conditioningInChannels()),
                () -> assertEquals(8, plain.conditioningDownsampling()),
                () -> assertEquals(true, temporal.useTemporalTransformer()),
                () -> assertEquals(new ControlNet3DConfig.TemporalHeads(8, 64),
                        temporal.firstTemporalBlock()),
                () -> assertEquals(new ControlNet3DConfig.TemporalHeads(2, 8),
                        configured.firstTemporalBlock()));
    }

    @Test
    void slot0TemporalTransformerNeedsChannelsDivisibleBy32Groups() {
        // case d's trunk has 16 channels at level 0; upstream's slot-0 GroupNorm has 32 groups
        ObjectNode json = fixtureConfig("d_controlnet3d").deepCopy()
                .put("use_temporal_transformer", true);
        assertMessageNames("block_out_channels", () -> ControlNet3DConfig.fromJson(json));
    }

    @Test
    void loaderRefusesAConfigThatIsNoControlNet() {
        try (NDManager manager = NDManager.newBaseManager()) {
            assertMessageNames("_class_name", () -> ControlNets.load(
                    fixtureConfig("a_satunet_metadata"), StateDict.of(List.of()), manager,
                    ModelDType.F32));
        }
    }

    private static void assertMessageNames(String key, Runnable parse) {
        ConfigException e = assertThrows(ConfigException.class, parse::run);
        assertTrue(e.getMessage().contains(key), e.getMessage());
    }

    private static ObjectNode fixtureConfig(String caseName) {
        try {
            JsonNode node = JSON.readTree(
                    Fixtures.reference().resolve(caseName).resolve("config.json").toFile());
            return (ObjectNode) node;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
