package diffusionsat.io.stac;

import java.io.Serializable;

/**
 * One STAC Item as found on the driver, small enough to ship to an executor: its JSON text and
 * the URI of the document it came from (asset hrefs are relative to it).
 *
 * @param label where the item is, for messages: the document URI, plus the line or index
 */
public record StacItemSource(String json, String documentUri, String label)
        implements Serializable {}
