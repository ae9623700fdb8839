package diffusionsat.model.controlnet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import diffusionsat.model.ModelDType;
import diffusionsat.model.unet.AdditionalResiduals;
import diffusionsat.model.unet.UNetInputs;
import diffusionsat.testing.Parity;
import diffusionsat.testing.ReferenceCase;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reading the ControlNet reference cases (MANIFEST.md c, d, d2 and their use in e). */
final class ControlNetFixtures {
    /** The forward call's residual multiplier in case.json's {@code upstream_call}. */
    private static final Pattern FORWARD_SCALE =
            Pattern.compile("forward\\(.*?conditioning_scale=([0-9.]+)");

    private ControlNetFixtures() {}

    /** Whether {@code c} holds a ControlNet of either kind. */
    static boolean isControlNet(ReferenceCase c) {
        return c.configClass().equals("ControlNetModel")
                || c.configClass().equals("ControlNetModel3D");
    }

    /** The ControlNet of case {@code c}, built from its config.json, with its .bin weights. */
    static ControlNet load(ReferenceCase c, NDManager manager) {
        return load(c, manager, ModelDType.F32);
    }

    /** {@link #load(ReferenceCase, NDManager)} with weights converted to {@code dtype}. */
    static ControlNet load(ReferenceCase c, NDManager manager, ModelDType dtype) {
        return ControlNets.load(config(c), c.weights(), manager, dtype);
    }

    /**
     * The case's config.json; where the fixture substituted the slot-0 temporal transformer
     * (case.json {@code temporal_block_configs}, see its {@code fixture_deviation}), with that
     * block's heads in our extension keys.
     */
    static JsonNode config(ReferenceCase c) {
        ObjectNode json = (ObjectNode) c.config().orElseThrow().deepCopy();
        JsonNode first = c.description().path("temporal_block_configs").path("temporal_blocks.0");
        if (!first.isObject()) {
            return json;
        }
        if (first.path("norm_num_groups").asInt() != ControlNet3DConfig.FIRST_TEMPORAL_BLOCK_GROUPS
                || !first.path("double_self_attention").asBoolean()) {
            throw new IllegalStateException(c.name() + ": slot-0 temporal block differs from"
                    + " upstream's beyond its heads: " + first);
        }
        return json.put("temporal_block_0_num_attention_heads",
                        first.path("num_attention_heads").asInt())
                .put("temporal_block_0_attention_head_dim",
                        first.path("attention_head_dim").asInt());
    }

    /** The forward {@code conditioning_scale} of the case's main call. */
    static float forwardScale(ReferenceCase c) {
        String call = c.description().path("upstream_call").asText();
        Matcher matcher = FORWARD_SCALE.matcher(call);
        if (!matcher.find()) {
            throw new IllegalStateException(c.name() + ": no forward conditioning_scale in "
                    + call);
        }
        return Float.parseFloat(matcher.group(1));
    }

    /** The case's ControlNet inputs; {@code cond_metadata} only when {@code withCondMetadata}. */
    static ControlNetInputs inputs(ReferenceCase c, NDManager manager, boolean withCondMetadata) {
        UNetInputs unet = new UNetInputs(c.inputArray(manager, "sample"),
                c.inputArray(manager, "timestep"), c.inputArray(manager, "encoder_hidden_states"),
                c.inputArray(manager, "metadata"));
        NDArray condMetadata = withCondMetadata && c.hasInput("cond_metadata")
                ? c.inputArray(manager, "cond_metadata") : null;
        return new ControlNetInputs(unet, c.inputArray(manager, "controlnet_cond"), condMetadata);
    }

    /**
     * Compares residuals with stored arrays named {@code prefix + "down_block_res_sample_i"} and
     * {@code prefix + "mid_block_res_sample"} (the names upstream's return tuple gets).
     */
    static void compareResiduals(ReferenceCase c, String prefix, AdditionalResiduals residuals,
            Parity parity, double tolerance) {
        for (int i = 0; i < residuals.down().size(); i++) {
            String name = prefix + "down_block_res_sample_" + i;
            parity.compare(name, c.output(name), residuals.down().get(i), tolerance);
        }
        String mid = prefix + "mid_block_res_sample";
        parity.compare(mid, c.output(mid), residuals.mid(), tolerance);
    }
}
