package diffusionsat.model;

import com.fasterxml.jackson.databind.JsonNode;
import diffusionsat.io.ConfigException;
import diffusionsat.model.ops.ActivationFunction;
import java.util.List;

/**
 * Architecture of an {@code AutoencoderKL} ({@code vae/config.json}; diffusers 0.17
 * autoencoder_kl.py defaults). Every down block is a DownEncoderBlock2D and every up block an
 * UpDecoderBlock2D, the only kinds SD uses.
 *
 * @param scalingFactor latent scale: latents = sample × factor (0.18215 for SD 2.1)
 */
public record VaeConfig(int inChannels, int outChannels, List<Integer> blockOutChannels,
        int layersPerBlock, ActivationFunction actFn, int latentChannels, int normNumGroups,
        int sampleSize, float scalingFactor) {

    /** Validates sizes and freezes the list. */
    public VaeConfig {
        blockOutChannels = List.copyOf(blockOutChannels);
        if (blockOutChannels.isEmpty() || normNumGroups <= 0) {
            throw new ConfigException("vae.block_out_channels", blockOutChannels,
                    "must be non-empty, with norm_num_groups > 0");
        }
        for (int channels : blockOutChannels) {
            if (channels % normNumGroups != 0) {
                throw new ConfigException("vae.block_out_channels", blockOutChannels,
                        "every entry must be a multiple of norm_num_groups " + normNumGroups);
            }
        }
        if (layersPerBlock < 1 || latentChannels < 1 || !(scalingFactor > 0)) {
            throw new ConfigException("vae", layersPerBlock + "/" + latentChannels + "/"
                    + scalingFactor,
                    "layers_per_block, latent_channels and scaling_factor must be > 0");
        }
    }

    /** Stable Diffusion 2.1's VAE (DIFFUSIONSAT.md §4.2): 128/256/512/512, 4 latent channels. */
    public static VaeConfig sd21() {
        return new VaeConfig(3, 3, List.of(128, 256, 512, 512), 2, ActivationFunction.SILU, 4, 32,
                768, 0.18215f);
    }

    /** Parses a {@code config.json} of class AutoencoderKL. */
    public static VaeConfig fromJson(JsonNode root) {
        ConfigJson json = new ConfigJson(root, "vae");
        String className = json.string("_class_name", "AutoencoderKL");
        if (!className.equals("AutoencoderKL")) {
            throw json.error("_class_name", className, "must be AutoencoderKL");
        }
        List<Integer> channels = json.integers("block_out_channels", List.of(64));
        requireAll(json, "down_block_types", "DownEncoderBlock2D", channels.size());
        requireAll(json, "up_block_types", "UpDecoderBlock2D", channels.size());
        json.requireUnsupportedUnset("force_upcast", true);
        json.requireUnsupportedUnset("latents_mean", null);
        json.requireUnsupportedUnset("latents_std", null);
        json.requireUnsupportedUnset("mid_block_add_attention", true);
        json.requireUnsupportedUnset("use_quant_conv", true);
        json.requireUnsupportedUnset("use_post_quant_conv", true);
        json.requireUnsupportedUnset("shift_factor", null);
        return new VaeConfig(
                json.integer("in_channels", 3),
                json.integer("out_channels", 3),
                channels,
                json.integer("layers_per_block", 1),
                ActivationFunction.parse("vae.act_fn", json.string("act_fn", "silu")),
                json.integer("latent_channels", 4),
                json.integer("norm_num_groups", 32),
                json.integer("sample_size", 32),
                (float) json.number("scaling_factor", 0.18215));
    }

    private static void requireAll(ConfigJson json, String key, String only, int blocks) {
        List<String> types = json.strings(key, java.util.Collections.nCopies(blocks, only));
        if (types.size() != blocks || types.stream().anyMatch(t -> !t.equals(only))) {
            throw json.error(key, types, "must be " + blocks + " × " + only);
        }
    }
}
