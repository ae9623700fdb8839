package diffusionsat.io.raster;

import diffusionsat.io.TileException;
import java.util.Locale;

/** Too much of a tile is missing (nodata or NaN) to be worth processing. */
public final class NoDataCoverageException extends TileException {
    public NoDataCoverageException(String tileId, double missingFraction, double maxFraction) {
        super(tileId, String.format(Locale.ROOT,
                "%.1f%% of the pixels are nodata, more than the allowed %.1f%%",
                100 * missingFraction, 100 * maxFraction));
    }
}
