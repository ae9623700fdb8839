package diffusionsat.generate;

import diffusionsat.io.TileException;

/**
 * A generation request the model cannot run (no id, empty or non-UTF-8 caption, missing or
 * out-of-range metadata): recorded as a {@code failed} row; the other rows go on.
 */
public final class InvalidRequestException extends TileException {
    public InvalidRequestException(String id, String cause) {
        super(id, cause);
    }
}
