package diffusionsat.temporal;

import diffusionsat.io.TileException;

/**
 * The selection rule finds no frame for a request, e.g. no frame before the first date of a
 * sequence. A request fails with it; an evaluation prediction is skipped (nothing to predict
 * from on that side).
 */
public final class NoConditioningFramesException extends TileException {
    public NoConditioningFramesException(String requestId, String cause) {
        super(requestId, cause);
    }
}
