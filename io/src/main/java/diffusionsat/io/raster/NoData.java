package diffusionsat.io.raster;

import java.io.Serializable;
import org.gdal.gdal.Band;

/** A raster's nodata rule: no nodata value, or one value that marks missing pixels. */
public sealed interface NoData extends Serializable permits NoData.None, NoData.Value {

    /** No nodata value (NaN still counts as missing, see {@link #isMissing}). */
    record None() implements NoData {}

    /** Pixels equal to {@code value} are missing; a NaN value marks NaN pixels. */
    record Value(double value) implements NoData {}

    /** The rule of a GDAL band: GDAL reports "unset" as a null in its out-array. */
    static NoData of(Band band) {
        Double[] value = new Double[1];
        band.GetNoDataValue(value);
        return value[0] == null ? new None() : new Value(value[0]);
    }

    /** Whether a pixel value is missing: the nodata value, or NaN (never valid data). */
    default boolean isMissing(float pixel) {
        if (Float.isNaN(pixel)) {
            return true;
        }
        // Compare in float: the pixel went through float32, so the value must too.
        return this instanceof Value v && pixel == (float) v.value();
    }
}
