package diffusionsat.io.checkpoint;

import diffusionsat.io.DiffusionSatException;

/**
 * A checkpoint's tensors do not match what the model expects: missing, unexpected, mis-shaped or
 * wrongly typed tensors. Fatal at start-up (STYLE.md §3.4); the message names the tensors and the
 * file they came from.
 */
public final class CheckpointMismatchException extends DiffusionSatException {
    public CheckpointMismatchException(String source, String cause) {
        super("checkpoint " + source + ": " + cause);
    }
}
