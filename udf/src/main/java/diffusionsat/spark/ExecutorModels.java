package diffusionsat.spark;

import ai.djl.Device;
import ai.djl.engine.Engine;
import diffusionsat.io.ConfigException;
import diffusionsat.io.checkpoint.CheckpointDigest;
import diffusionsat.io.checkpoint.DiffusersFolder;
import diffusionsat.io.storage.Storage;
import diffusionsat.model.ModelDType;
import diffusionsat.sampling.ConditionalGenerator;
import diffusionsat.sampling.ControlNetPipeline;
import diffusionsat.sampling.ControlNetPipelineLoader;
import diffusionsat.sampling.DiffusionSatPipeline;
import diffusionsat.sampling.PipelineLoader;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.TaskContext;
import org.apache.spark.resource.ResourceInformation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The project's one piece of global mutable state (STYLE.md §3.7): loaded pipelines, one per
 * (checkpoint, dtype, device) and executor JVM (ControlNet pipelines also per output size), shared by every task and partition that runs
 * there (DESIGN.md §4). Filled lazily, each model loaded by the first task that needs it while
 * tasks needing other models go on ({@link LoadOnce}); closed by a shutdown hook.
 */
public final class ExecutorModels {
    private static final Logger log = LoggerFactory.getLogger(ExecutorModels.class);
    private static final String GPU_RESOURCE = "gpu";
    private static final LoadOnce<ModelKey, DiffusionSatPipeline> LOADED = new LoadOnce<>();
    private static final LoadOnce<ConditionalKey, ControlNetPipeline> CONDITIONAL =
            new LoadOnce<>();
    private static final Map<String, Integer> LOADS = new ConcurrentHashMap<>();
    private static final LoadOnce<String, String> DIGESTS = new LoadOnce<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ExecutorModels::closeAll,
                "executor-models-close"));
    }

    private ExecutorModels() {}

    /** What identifies a loaded pipeline. */
    public record ModelKey(String checkpoint, ModelDType dtype, String device) {}

    /**
     * The pipeline of {@code config} on this task's device, loaded on first use in this JVM.
     *
     * @param storage reads a remote checkpoint (copied once into a local cache)
     */
    public static DiffusionSatPipeline get(ModelConfig config, Storage storage) {
        Device device = taskDevice(config.device());
        ModelKey key = new ModelKey(config.checkpoint(), config.dtype(), device.toString());
        return LOADED.get(key, k -> {
            log.info("loading {} ({}) on {} for this executor", k.checkpoint(), k.dtype(), device);
            DiffusionSatPipeline pipeline = PipelineLoader.load(
                    DiffusersFolder.open(k.checkpoint(), storage.configuration()), k.dtype(),
                    device);
            LOADS.merge(k.checkpoint(), 1, Integer::sum);
            return pipeline;
        });
    }

    /**
     * What identifies a loaded ControlNet pipeline: its checkpoint, dtype, device and the image
     * size it makes (which fixes its conditioning size).
     */
    public record ConditionalKey(String checkpoint, ModelDType dtype, String device,
            int outputSize) {}

    /**
     * The ControlNet pipeline of {@code config} (a checkpoint with {@code controlnet/}) making
     * {@code outputSize}-pixel images on this task's device, loaded on first use in this JVM.
     *
     * @param storage reads a remote checkpoint (copied once into a local cache)
     */
    public static ControlNetPipeline controlNet(ModelConfig config, int outputSize,
            Storage storage) {
        Device device = taskDevice(config.device());
        ConditionalKey key = new ConditionalKey(config.checkpoint(), config.dtype(),
                device.toString(), outputSize);
        return CONDITIONAL.get(key, k -> {
            log.info("loading ControlNet pipeline {} ({}, {} px) on {} for this executor",
                    k.checkpoint(), k.dtype(), k.outputSize(), device);
            ControlNetPipeline pipeline = ControlNetPipelineLoader.load(
                    DiffusersFolder.open(k.checkpoint(), storage.configuration()), k.dtype(),
                    device, k.outputSize());
            LOADS.merge(k.checkpoint(), 1, Integer::sum);
            return pipeline;
        });
    }

    /**
     * {@link #controlNet} as one run's generator: each item's noise is seeded from ({@code
     * runSeed}, item id).
     */
    public static ConditionalGenerator conditional(ModelConfig config, int outputSize,
            long runSeed, Storage storage) {
        return controlNet(config, outputSize, storage).forRun(runSeed);
    }

    /**
     * The content hash of {@code config}'s weights ({@link CheckpointDigest}), computed once per
     * checkpoint and JVM from the same local folder the models load from.
     */
    public static String checkpointDigest(ModelConfig config, Storage storage) {
        return DIGESTS.get(config.checkpoint(), checkpoint -> CheckpointDigest.sha256(
                DiffusersFolder.open(checkpoint, storage.configuration()).root()));
    }

    /** How many times this JVM loaded {@code checkpoint} (on any dtype or device). */
    public static int loadCount(String checkpoint) {
        return LOADS.getOrDefault(checkpoint, 0);
    }

    /**
     * The device of the running task: the GPU address Spark assigned through the task's
     * resources ({@code spark.task.resource.gpu.amount}), else the CPU, unless {@code choice}
     * fixes it. Asking for a GPU lets DJL's CUDA probe warn ({@link CudaProbeLog}).
     */
    static Device taskDevice(ModelConfig.DeviceChoice choice) {
        if (choice == ModelConfig.DeviceChoice.CPU) {
            return Device.cpu();
        }
        TaskContext task = TaskContext.get();
        ResourceInformation gpus = task == null ? null : task.resourcesJMap().get(GPU_RESOURCE);
        if (gpus != null && gpus.addresses().length > 0) {
            CudaProbeLog.showForGpu();
            return Device.gpu(Integer.parseInt(gpus.addresses()[0].trim()));
        }
        if (choice == ModelConfig.DeviceChoice.AUTO) {
            return Device.cpu();
        }
        CudaProbeLog.showForGpu();
        if (Engine.getInstance().getGpuCount() == 0) {
            throw new ConfigException("model.device", "gpu",
                    "no GPU is visible to the engine on this executor");
        }
        return Device.gpu(0);
    }

    private static void closeAll() {
        LOADED.drain().forEach(DiffusionSatPipeline::close);
        CONDITIONAL.drain().forEach(ControlNetPipeline::close);
    }
}
