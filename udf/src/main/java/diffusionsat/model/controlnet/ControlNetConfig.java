package diffusionsat.model.controlnet;

import com.fasterxml.jackson.databind.JsonNode;
import diffusionsat.io.ConfigException;
import diffusionsat.model.ConfigJson;
import diffusionsat.model.UNetConfig;
import java.util.List;

/**
 * Architecture of DiffusionSat's 2D {@code ControlNetModel} (diffusionsat/controlnet.py;
 * DIFFUSIONSAT.md §3.1), as {@code controlnet/config.json} gives it.
 *
 * @param trunk the UNet whose conv_in, time and metadata MLPs, down blocks and mid block the
 *     ControlNet copies ({@code from_unet}); its up-path fields are never used
 * @param conditioningInChannels channels of the conditioning image (10 for fMoW-Sentinel → RGB
 *     super-resolution, 3 for xBD)
 * @param conditioningScale the config's INTEGER spatial factor target / conditioning resolution
 *     (not the forward multiplier of the same name): it fixes the conditioning embedding's strides
 * @param conditioningEmbeddingOutChannels channels of the conditioning embedding's stages
 */
public record ControlNetConfig(UNetConfig trunk, int conditioningInChannels,
        int conditioningScale, List<Integer> conditioningEmbeddingOutChannels) {
    private static final String MODEL = "controlnet";
    /** The running scale at which upstream stops striding (controlnet.py:57-63). */
    private static final int FULL_SCALE = 8;

    /** Validates the values and freezes the list. */
    public ControlNetConfig {
        conditioningEmbeddingOutChannels = List.copyOf(conditioningEmbeddingOutChannels);
        ControlNetConfigs.requireValid(MODEL, trunk, conditioningInChannels,
                conditioningEmbeddingOutChannels);
        if (conditioningScale < 1) {
            throw new ConfigException(MODEL + ".conditioning_scale", conditioningScale,
                    "is the spatial factor target / conditioning resolution and must be >= 1");
        }
    }

    /**
     * A ControlNet for {@code unet} with upstream's default embedding channels (16, 32, 96, 256),
     * as {@code ControlNetModel.from_unet(unet, conditioning_in_channels, conditioning_scale)}.
     */
    public static ControlNetConfig fromUNet(UNetConfig unet, int conditioningInChannels,
            int conditioningScale) {
        return new ControlNetConfig(unet, conditioningInChannels, conditioningScale,
                ControlNetConfigs.DEFAULT_EMBEDDING_CHANNELS);
    }

    /** Parses a {@code config.json} of class ControlNetModel. */
    public static ControlNetConfig fromJson(JsonNode root) {
        ConfigJson json = ControlNetConfigs.open(root, "ControlNetModel", MODEL);
        return new ControlNetConfig(
                ControlNetConfigs.trunk(root, json),
                json.integer("conditioning_in_channels", 3),
                json.integer("conditioning_scale", 1),
                json.integers("conditioning_embedding_out_channels",
                        ControlNetConfigs.DEFAULT_EMBEDDING_CHANNELS));
    }

    /**
     * The stride of each stage's second convolution (controlnet.py:57-63): a counter starts at
     * {@code conditioning_scale}; a stage strides by 2 while the counter is below 8, and the
     * counter doubles after each stage unless it equals 8. Scale 1 gives 2, 2, 2 (÷8); scale 2
     * gives 2, 2, 1 (÷4).
     *
     * @return one stride per stage (entries of conditioning_embedding_out_channels minus one)
     */
    public int[] conditioningStrides() {
        int[] strides = new int[conditioningEmbeddingOutChannels.size() - 1];
        int scale = conditioningScale;
        for (int stage = 0; stage < strides.length; stage++) {
            strides[stage] = scale < FULL_SCALE ? 2 : 1;
            if (scale != FULL_SCALE) {
                scale *= 2;
            }
        }
        return strides;
    }

    /** How much larger than the latent the conditioning image must be (product of the strides). */
    public int conditioningDownsampling() {
        int factor = 1;
        for (int stride : conditioningStrides()) {
            factor *= stride;
        }
        return factor;
    }
}
