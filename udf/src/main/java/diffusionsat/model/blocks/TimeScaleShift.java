package diffusionsat.model.blocks;

import diffusionsat.io.ConfigException;

/** How a ResNet block applies the time embedding ({@code resnet_time_scale_shift}). */
public enum TimeScaleShift {
    /** {@code default}: h = conv1(...) + proj(emb), before norm2. */
    DEFAULT,
    /** {@code scale_shift}: proj(emb) = (scale, shift); h = norm2(h)·(1 + scale) + shift. */
    SCALE_SHIFT;

    /** Parses a config value ({@code ada_group} is not supported). */
    public static TimeScaleShift parse(String value) {
        return switch (value) {
            case "default" -> DEFAULT;
            case "scale_shift" -> SCALE_SHIFT;
            default -> throw new ConfigException("resnet_time_scale_shift", value,
                    "must be default or scale_shift (ada_group is not supported)");
        };
    }
}
