package diffusionsat.io.checkpoint;

import diffusionsat.io.DiffusionSatException;

/** TEMPORARY STUB until branch {@code checkpoint} lands: weights do not match the model. */
public final class CheckpointMismatchException extends DiffusionSatException {
    public CheckpointMismatchException(String message) {
        super(message);
    }
}
