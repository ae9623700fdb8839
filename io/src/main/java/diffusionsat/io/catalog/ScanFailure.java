package diffusionsat.io.catalog;

import java.io.Serializable;

/**
 * A file or STAC Item the catalogue scan could not use, and why (a row of the {@code rejected}
 * table).
 *
 * @param uri the file, or where the item is (document, line or feature)
 * @param item the STAC Item id, null for plain files and items without one
 */
public record ScanFailure(String uri, String item, String cause) implements Serializable {
    /** A file that is not a STAC Item. */
    public ScanFailure(String uri, String cause) {
        this(uri, null, cause);
    }
}
