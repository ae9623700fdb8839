package diffusionsat.sampling;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import diffusionsat.io.ConfigException;
import diffusionsat.io.checkpoint.CheckpointFormatException;
import diffusionsat.io.checkpoint.DiffusersFolder;
import diffusionsat.io.json.DiffusersJson;
import diffusionsat.model.ModelDType;
import diffusionsat.model.UNetConfig;
import diffusionsat.model.VaeConfig;
import diffusionsat.model.clip.ClipTextConfig;
import diffusionsat.model.clip.ClipTextModel;
import diffusionsat.model.clip.ClipTokenizer;
import diffusionsat.model.unet.SatUNet;
import diffusionsat.model.vae.AutoencoderKL;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a {@link DiffusionSatPipeline} from a diffusers checkpoint folder (DESIGN.md §5):
 * {@code tokenizer/}, {@code text_encoder/}, {@code unet/}, {@code vae/} and
 * {@code scheduler/scheduler_config.json}, loaded strictly, and checks that the parts fit
 * together.
 */
public final class PipelineLoader {
    private static final Logger log = LoggerFactory.getLogger(PipelineLoader.class);
    private static final ObjectMapper JSON = DiffusersJson.MAPPER;

    private PipelineLoader() {}

    /** Loads every part into a new manager on {@code device} with weights in {@code dtype}. */
    public static DiffusionSatPipeline load(DiffusersFolder folder, ModelDType dtype,
            Device device) {
        dtype.requireSupportedOn(device);
        long start = System.nanoTime();
        NDManager manager = NDManager.newBaseManager(device);
        try {
            ClipTokenizer tokenizer = ClipTokenizer.fromFolder(folder.modelDir("tokenizer"));
            ClipTextModel textEncoder = new ClipTextModel(
                    ClipTextConfig.fromJson(folder.config("text_encoder")));
            UNetConfig unetConfig = UNetConfig.fromJson(folder.config("unet"));
            VaeConfig vaeConfig = VaeConfig.fromJson(folder.config("vae"));
            requireCompatible(folder, textEncoder.config(), unetConfig, vaeConfig);
            textEncoder.loadHf(folder.weights("text_encoder"), manager, dtype);
            SatUNet unet = new SatUNet(unetConfig);
            unet.load(folder.weights("unet"), manager, dtype);
            AutoencoderKL vae = new AutoencoderKL(vaeConfig);
            vae.load(folder.weights("vae"), manager, dtype);
            Schedulers schedulers = new Schedulers(schedulerConfig(folder));
            log.info("loaded pipeline {} ({} UNet parameters, {}, {}) in {} ms", folder.root(),
                    unet.parameterCount(), dtype, device, (System.nanoTime() - start) / 1_000_000);
            return new DiffusionSatPipeline(manager, tokenizer, textEncoder,
                    new LatentDiffusion(unet, vae, schedulers));
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    private static void requireCompatible(DiffusersFolder folder, ClipTextConfig text,
            UNetConfig unet, VaeConfig vae) {
        if (unet.crossAttentionDim() != text.hiddenSize()) {
            throw new ConfigException(folder.root() + ": unet.cross_attention_dim "
                    + unet.crossAttentionDim() + " differs from text_encoder.hidden_size "
                    + text.hiddenSize());
        }
        if (unet.inChannels() != vae.latentChannels() || unet.outChannels() != vae.latentChannels()) {
            throw new ConfigException(folder.root() + ": unet in/out_channels " + unet.inChannels()
                    + "/" + unet.outChannels() + " differ from vae.latent_channels "
                    + vae.latentChannels());
        }
        if (unet.useMetadata() && unet.numMetadata() != SatelliteMetadata.SIZE) {
            throw new ConfigException(folder.root() + ": unet.num_metadata " + unet.numMetadata()
                    + ", but DiffusionSat metadata has " + SatelliteMetadata.SIZE + " values");
        }
    }

    /** {@code scheduler/scheduler_config.json} (diffusers' name), else its config.json. */
    private static JsonNode schedulerConfig(DiffusersFolder folder) {
        Path dir = folder.modelDir("scheduler");
        Path file = dir.resolve("scheduler_config.json");
        if (!Files.isRegularFile(file)) {
            return folder.config("scheduler");
        }
        try {
            JsonNode config = JSON.readTree(file.toFile());
            log.debug("{}: a {} config; sampler.scheduler builds its scheduler from it as"
                    + " diffusers' from_config does", file, config.path("_class_name").asText("?"));
            return config;
        } catch (IOException e) {
            throw new CheckpointFormatException(file.toString(), "not valid JSON: "
                    + e.getMessage(), e);
        }
    }
}
