package diffusionsat.io.catalog;

import java.io.Serializable;

/** A file the catalogue scan could not use, and why. */
public record ScanFailure(String uri, String cause) implements Serializable {}
