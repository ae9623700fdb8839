package diffusionsat.io.stac;

import diffusionsat.io.catalog.ScanFailure;
import diffusionsat.io.catalog.TileRecord;
import java.io.Serializable;

/**
 * What one Item gave: a catalogue row and the VRT to write at its href, or the reason it was
 * rejected (exactly one of {@code tile} and {@code failure} is set).
 */
public record StacScanRow(TileRecord tile, String vrtXml, ScanFailure failure)
        implements Serializable {
    public static StacScanRow catalogued(TileRecord tile, String vrtXml) {
        return new StacScanRow(tile, vrtXml, null);
    }

    public static StacScanRow rejected(ScanFailure failure) {
        return new StacScanRow(null, null, failure);
    }
}
