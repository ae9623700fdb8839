package diffusionsat.model;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import diffusionsat.io.ConfigException;
import diffusionsat.testing.Fixtures;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Parsing and validation of UNet config.json files (diffusers 0.17 semantics). */
class UNetConfigTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** SD 2.1 unet/config.json as DIFFUSIONSAT.md §2 lists it, plus the SatUNet keys (§1.4). */
    private static final String SD21 = """
            {"_class_name": "SatUNet", "act_fn": "silu", "attention_head_dim": [5, 10, 20, 20],
             "block_out_channels": [320, 640, 1280, 1280], "center_input_sample": false,
             "cross_attention_dim": 1024, "down_block_types": ["CrossAttnDownBlock2D",
             "CrossAttnDownBlock2D", "CrossAttnDownBlock2D", "DownBlock2D"],
             "downsample_padding": 1, "dual_cross_attention": false, "flip_sin_to_cos": true,
             "freq_shift": 0, "in_channels": 4, "layers_per_block": 2,
             "mid_block_scale_factor": 1, "norm_eps": 1e-05, "norm_num_groups": 32,
             "out_channels": 4, "sample_size": 96, "up_block_types": ["UpBlock2D",
             "CrossAttnUpBlock2D", "CrossAttnUpBlock2D", "CrossAttnUpBlock2D"],
             "upcast_attention": true, "use_linear_projection": true,
             "num_class_embeds": null, "class_embed_type": null, "only_cross_attention": false,
             "resnet_time_scale_shift": "default", "time_cond_proj_dim": null,
             "use_metadata": true, "num_metadata": 7}
            """;

    @Test
    void sd21ConfigJsonDescribesTheSd21Constants() throws IOException {
        UNetConfig parsed = UNetConfig.fromJson(JSON.readTree(SD21));
        assertAll(() -> assertEquals(UNetConfig.sd21(), parsed),
                () -> assertDoesNotThrow(() -> UNetConfig.sd21().requireSameArchitecture(parsed,
                        "sd21")),
                () -> assertEquals(12, parsed.numSkips()),
                () -> assertEquals(1280, parsed.timeEmbedDim()));
    }

    @Test
    void singleAttentionHeadDimIsTheHeadCountOfEveryBlock() {
        // fixture case a: "attention_head_dim": 4 at 16 and 32 channels -> 4 heads of 4 and 8
        UNetConfig tiny = UNetConfig.fromJson(fixtureConfig("a_satunet_metadata"));
        assertAll(() -> assertEquals(List.of(4, 4), tiny.attentionHeads()),
                () -> assertEquals(List.of(false, false), tiny.onlyCrossAttention()),
                () -> assertEquals(7, tiny.numMetadata()),
                () -> assertEquals(4, tiny.numSkips()));
    }

    @Test
    void noMetadataConfigBuildsAStockUNet() {
        UNetConfig stock = UNetConfig.fromJson(fixtureConfig("b_unet_no_metadata"));
        assertEquals(false, stock.useMetadata());
    }

    @ParameterizedTest(name = "{0} = {1} is refused")
    @CsvSource(delimiter = '|', value = {
        "dual_cross_attention | true",
        "class_embed_type | \"timestep\"",
        "time_embedding_type | \"fourier\"",
        "mid_block_type | \"UNetMidBlock2DSimpleCrossAttn\"",
        "resnet_time_scale_shift | \"ada_group\"",
        "addition_embed_type | \"text\"",
        "attention_head_dim | [4, 4, 4]",
        "attention_head_dim | 5",
        "down_block_types | [\"CrossAttnDownBlock2D\", \"SimpleCrossAttnDownBlock2D\"]",
        "act_fn | \"relu\"",
        "layers_per_block | 1.5"})
    void unsupportedOrInconsistentOptionsAreRefused(String key, String value) throws IOException {
        ObjectNode config = (ObjectNode) fixtureConfig("a_satunet_metadata");
        config.set(key, JSON.readTree(value));
        ConfigException e = assertThrows(ConfigException.class, () -> UNetConfig.fromJson(config));
        assertTrue(e.getMessage().contains(key), e.getMessage());
    }

    @Test
    void architectureCheckNamesTheDifferingFields() {
        UNetConfig tiny = UNetConfig.fromJson(fixtureConfig("a_satunet_metadata"));
        ConfigException e = assertThrows(ConfigException.class,
                () -> UNetConfig.sd21().requireSameArchitecture(tiny, "unet/config.json"));
        assertAll(() -> assertTrue(e.getMessage().contains("blockOutChannels"), e.getMessage()),
                () -> assertTrue(e.getMessage().contains("unet/config.json"), e.getMessage()));
    }

    static JsonNode fixtureConfig(String caseName) {
        try {
            return JSON.readTree(Fixtures.reference().resolve(caseName).resolve("config.json")
                    .toFile());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
