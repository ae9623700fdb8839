package diffusionsat.io.checkpoint;

import diffusionsat.io.DiffusionSatException;

/**
 * A checkpoint file or folder cannot be read as such: missing, truncated or corrupt, an unknown
 * format, or a pickle that asks for a global outside the allow-list. The message names the file
 * (and the tensor or global where there is one).
 */
public final class CheckpointFormatException extends DiffusionSatException {
    public CheckpointFormatException(String file, String cause) {
        super("checkpoint file " + file + ": " + cause);
    }

    public CheckpointFormatException(String file, String cause, Throwable underlying) {
        super("checkpoint file " + file + ": " + cause, underlying);
    }
}
