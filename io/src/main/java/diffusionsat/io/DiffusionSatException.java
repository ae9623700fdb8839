package diffusionsat.io;

/**
 * Root of the project's exceptions. Each subclass is one failure class (STYLE.md §3.4): a message
 * names the tile and/or file and the cause, and chains the underlying exception.
 */
public class DiffusionSatException extends RuntimeException {
    public DiffusionSatException(String message) {
        super(message);
    }

    public DiffusionSatException(String message, Throwable cause) {
        super(message, cause);
    }
}
