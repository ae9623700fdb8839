package diffusionsat.io;

/**
 * A problem with one tile's data (unreadable, corrupt, wrong bands, no data, missing metadata).
 * The job records it as a {@code failed} result row and goes on with the other tiles.
 */
public class TileException extends DiffusionSatException {
    private final String tileId;

    public TileException(String tileId, String cause) {
        super("tile " + tileId + ": " + cause);
        this.tileId = tileId;
    }

    public TileException(String tileId, String cause, Throwable underlying) {
        super("tile " + tileId + ": " + cause, underlying);
        this.tileId = tileId;
    }

    public String tileId() {
        return tileId;
    }
}
