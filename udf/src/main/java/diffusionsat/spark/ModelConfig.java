package diffusionsat.spark;

import diffusionsat.io.ConfigException;
import diffusionsat.model.ModelDType;
import java.io.Serializable;

/**
 * Which pipeline an executor loads (the {@code model.*} settings): a small, serialisable value
 * that travels with tasks, never the model itself (STYLE.md §1.3).
 *
 * @param checkpoint a diffusers folder: local path, {@code file:} or {@code s3a:} URI
 * @param dtype weight and activation type; bf16 only on a GPU
 * @param device where to run it
 */
public record ModelConfig(String checkpoint, ModelDType dtype, DeviceChoice device)
        implements Serializable {

    /** Where the pipeline runs. */
    public enum DeviceChoice {
        /** The GPU Spark assigned to the task (TaskContext resources), else the CPU. */
        AUTO,
        /** Always the CPU. */
        CPU,
        /** The task's GPU, else GPU 0; an error where the engine sees none. */
        GPU
    }

    /** The checkpoint is required. */
    public ModelConfig {
        if (checkpoint == null || checkpoint.isBlank()) {
            throw new ConfigException("model.checkpoint", checkpoint, "must name a diffusers"
                    + " checkpoint folder (make one with `diffusionsat make-checkpoint`)");
        }
    }
}
