package diffusionsat.io.raster;

/**
 * How a Sentinel-2 raster stores its values (DESIGN.md §2 "Radiometry"); the configuration or the
 * catalogue says which form a collection has. {@link #toDigitalNumber} maps a stored value to the
 * digital numbers (reflectance × 10000) that the normalisation table of DIFFUSIONSAT.md §3.1 uses.
 */
public enum Radiometry {
    /** Float top-of-atmosphere reflectance, 0..1. */
    REFLECTANCE {
        @Override
        public double toDigitalNumber(float value) {
            return value * 10000.0;
        }
    },
    /** Digital numbers (uint16, reflectance × 10000), products before processing baseline 04.00. */
    DIGITAL_NUMBERS {
        @Override
        public double toDigitalNumber(float value) {
            return value;
        }
    },
    /** Digital numbers with the +1000 offset of processing baseline 04.00 and later. */
    DIGITAL_NUMBERS_OFFSET_1000 {
        @Override
        public double toDigitalNumber(float value) {
            return value - 1000.0;
        }
    };

    /** The digital number (reflectance × 10000, no offset) of a stored value. */
    public abstract double toDigitalNumber(float value);

    /** The name in the configuration and the catalogue: {@code digital-numbers-offset-1000}. */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** The radiometry of a {@link #key()}; {@code IllegalArgumentException} for anything else. */
    public static Radiometry fromKey(String key) {
        for (Radiometry r : values()) {
            if (r.key().equals(key.trim().toLowerCase(java.util.Locale.ROOT))) {
                return r;
            }
        }
        throw new IllegalArgumentException("not a radiometry: " + key + " (one of reflectance, "
                + "digital-numbers, digital-numbers-offset-1000)");
    }
}
