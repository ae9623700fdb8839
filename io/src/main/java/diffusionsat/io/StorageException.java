package diffusionsat.io;

/** The output or input store failed (not a tile's fault): fails the task. */
public final class StorageException extends DiffusionSatException {
    public StorageException(String uri, String cause, Throwable underlying) {
        super("storage " + uri + ": " + cause, underlying);
    }
}
