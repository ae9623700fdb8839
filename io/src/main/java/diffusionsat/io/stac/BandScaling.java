package diffusionsat.io.stac;

import diffusionsat.io.raster.Radiometry;
import java.io.Serializable;

/**
 * The linear rule from a band's stored values to reflectance, reflectance = value × scale +
 * offset (STAC {@code raster:bands} semantics), and where the rule came from.
 *
 * @param source for the log and the rejected table: {@code raster:bands}, {@code
 *     s2:processing_baseline 05.09}, {@code catalog.collections}, {@code io.radiometry}
 */
public record BandScaling(double scale, double offset, String source) implements Serializable {
    /** The rule a {@link Radiometry} stands for. */
    public static BandScaling of(Radiometry radiometry, String source) {
        return switch (radiometry) {
            case REFLECTANCE -> new BandScaling(1.0, 0.0, source);
            case DIGITAL_NUMBERS -> new BandScaling(1e-4, 0.0, source);
            case DIGITAL_NUMBERS_OFFSET_1000 -> new BandScaling(1e-4, -0.1, source);
        };
    }

    /** Whether values are stored as they are meant (scale 1, offset 0). */
    public boolean identity() {
        return scale == 1.0 && offset == 0.0;
    }
}
