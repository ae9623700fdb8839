package diffusionsat.io.stac;

import diffusionsat.io.DiffusionSatException;

/** A STAC Item the catalogue cannot use: malformed, or missing what a tile needs. */
public final class MalformedItemException extends DiffusionSatException {
    private final String where;
    private final String itemId;
    private final String reason;

    public MalformedItemException(StacItemSource source, String itemId, String reason) {
        super("STAC item " + (itemId == null ? "(no id)" : itemId) + " (" + source.label()
                + "): " + reason);
        this.where = source.label();
        this.itemId = itemId;
        this.reason = reason;
    }

    /** Where the item is: document, line or feature. */
    public String where() {
        return where;
    }

    /** The item's id; null when it has none. */
    public String itemId() {
        return itemId;
    }

    /** The cause alone, for the rejected table. */
    public String reason() {
        return reason;
    }
}
