package diffusionsat.sampling;

import diffusionsat.io.DiffusionSatException;

/** A metadata value the model cannot be conditioned on (absent, not a number, out of range). */
public final class InvalidMetadataException extends DiffusionSatException {
    private final String field;

    /** {@code field} is the catalogue column ({@code lon}, {@code gsd}, ...). */
    public InvalidMetadataException(String field, Object value, String rule) {
        super("metadata " + field + " = " + value + ": " + rule);
        this.field = field;
    }

    /** The catalogue column at fault. */
    public String field() {
        return field;
    }
}
