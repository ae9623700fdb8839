package diffusionsat.io.catalog;

import java.util.List;

/** What a catalogue scan found: the usable tiles and the files it could not use. */
public record ScanResult(List<TileRecord> tiles, List<ScanFailure> failures) {
    public ScanResult {
        tiles = List.copyOf(tiles);
        failures = List.copyOf(failures);
    }
}
