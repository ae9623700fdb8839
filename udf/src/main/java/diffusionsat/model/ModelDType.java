package diffusionsat.model;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import diffusionsat.io.ConfigException;

/**
 * Element type the network weights and activations use (DESIGN.md §5: fp32 on CPU; fp16 or bf16
 * on GPU). Sinusoidal projections and normalisation statistics stay in float32 whatever the type.
 */
public enum ModelDType {
    F32(DataType.FLOAT32),
    F16(DataType.FLOAT16),
    BF16(DataType.BFLOAT16);

    private final DataType dataType;

    ModelDType(DataType dataType) {
        this.dataType = dataType;
    }

    /** The DJL data type of this element type. */
    public DataType dataType() {
        return dataType;
    }

    /**
     * Rejects combinations the engine cannot run. Any bfloat16 tensor on a CPU aborts libtorch in
     * this engine build (PLATFORM.md, "DJL API"), so bf16 is refused here, before any is created.
     */
    public void requireSupportedOn(Device device) {
        if (this == BF16 && !device.isGpu()) {
            throw new ConfigException("model.dtype", name(),
                    "bf16 is GPU-only: a bfloat16 tensor on " + device + " aborts libtorch");
        }
    }

    /** Parses {@code f32}, {@code f16} or {@code bf16} (any case). */
    public static ModelDType parse(String text) {
        for (ModelDType type : values()) {
            if (type.name().equalsIgnoreCase(text)) {
                return type;
            }
        }
        throw new ConfigException("model.dtype", text, "must be one of f32, f16, bf16");
    }
}
