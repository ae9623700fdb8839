package diffusionsat.sampling;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import diffusionsat.io.ConfigException;
import diffusionsat.io.checkpoint.DiffusersFolder;
import diffusionsat.model.ModelDType;
import diffusionsat.model.UNetConfig;
import diffusionsat.model.controlnet.ControlNet;
import diffusionsat.model.controlnet.ControlNetModel;
import diffusionsat.model.controlnet.ControlNetModel3D;
import diffusionsat.model.controlnet.ControlNets;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a {@link ControlNetPipeline} from a diffusers checkpoint folder with a {@code
 * controlnet/} model (DESIGN.md §5): the pipeline of {@link PipelineLoader} plus the 2D or 3D
 * ControlNet of {@link ControlNets#load}, checked against the UNet it feeds.
 *
 * <p>Neither config records the resolution the ControlNet was trained at, so the caller gives
 * the output size; the conditioning size follows from the ControlNet's downsampling: output / 8 ×
 * the conditioning embedding's factor (512 → 256 for super-resolution, config conditioning_scale
 * 2). A 3D ControlNet takes {@code num_cond} frames, an extension key written by the project's
 * {@link CheckpointMaker}; absent, upstream's 3 ({@code --num_cond 3} in every launch script).
 */
public final class ControlNetPipelineLoader {
    /** The frames upstream's 3D ControlNets were trained on (DIFFUSIONSAT.md §3.2). */
    public static final int UPSTREAM_FRAMES = 3;
    /** Extension key of {@code controlnet/config.json}: the frames a 3D ControlNet takes. */
    public static final String FRAMES_KEY = "num_cond";
    private static final Logger log = LoggerFactory.getLogger(ControlNetPipelineLoader.class);
    private static final String MODEL = "controlnet";

    private ControlNetPipelineLoader() {}

    /**
     * Loads every part on {@code device} with weights in {@code dtype}.
     *
     * @param outputSize the side of the generated images, a multiple of the VAE's scale factor
     */
    public static ControlNetPipeline load(DiffusersFolder folder, ModelDType dtype, Device device,
            int outputSize) {
        JsonNode json = folder.config(MODEL);
        DiffusionSatPipeline base = PipelineLoader.load(folder, dtype, device);
        NDManager manager = NDManager.newBaseManager(device);
        try {
            int vaeScale = base.diffusion().vaeScaleFactor();
            if (outputSize < vaeScale || outputSize % vaeScale != 0) {
                throw new ConfigException("model.outputSize", outputSize,
                        "must be a positive multiple of the VAE scale factor " + vaeScale);
            }
            int latentSize = outputSize / vaeScale;
            ControlNet controlnet = ControlNets.load(json, folder.weights(MODEL), manager,
                    dtype);
            ControlNetShape shape;
            UNetConfig trunk;
            if (controlnet instanceof ControlNetModel model) {
                trunk = model.config().trunk();
                shape = new ControlNetShape(1, model.config().conditioningInChannels(),
                        latentSize * model.config().conditioningDownsampling(), outputSize, false);
            } else if (controlnet instanceof ControlNetModel3D model) {
                trunk = model.config().trunk();
                shape = new ControlNetShape(json.path(FRAMES_KEY).asInt(UPSTREAM_FRAMES),
                        model.config().conditioningInChannels(),
                        latentSize * model.config().conditioningDownsampling(), outputSize, true);
            } else {
                throw new IllegalStateException("unknown ControlNet " + controlnet.getClass());
            }
            requireCompatible(folder, trunk, base.diffusion().unetConfig());
            log.info("loaded {} ({} frames × {} channels at {} px -> {} px)",
                    controlnet.getClass().getSimpleName(), shape.frames(), shape.channels(),
                    shape.conditioningSize(), outputSize);
            return new ControlNetPipeline(base, manager, controlnet, shape);
        } catch (RuntimeException e) {
            manager.close();
            base.close();
            throw e;
        }
    }

    /** The ControlNet's residuals must fit the UNet's skips, and both must read the same inputs. */
    private static void requireCompatible(DiffusersFolder folder, UNetConfig controlnet,
            UNetConfig unet) {
        List<String> differences = new ArrayList<>();
        compare(differences, "in_channels", controlnet.inChannels(), unet.inChannels());
        compare(differences, "block_out_channels", controlnet.blockOutChannels(),
                unet.blockOutChannels());
        compare(differences, "down_block_types", controlnet.downBlockTypes(),
                unet.downBlockTypes());
        compare(differences, "layers_per_block", controlnet.layersPerBlock(),
                unet.layersPerBlock());
        compare(differences, "cross_attention_dim", controlnet.crossAttentionDim(),
                unet.crossAttentionDim());
        compare(differences, "use_metadata", controlnet.useMetadata(), unet.useMetadata());
        if (!differences.isEmpty()) {
            throw new ConfigException(folder.root() + ": the ControlNet does not fit the UNet: "
                    + differences);
        }
    }

    private static void compare(List<String> differences, String key, Object controlnet,
            Object unet) {
        if (!controlnet.equals(unet)) {
            differences.add(key + " " + controlnet + " (controlnet) vs " + unet + " (unet)");
        }
    }
}
