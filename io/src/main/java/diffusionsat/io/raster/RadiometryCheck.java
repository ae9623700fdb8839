package diffusionsat.io.raster;

import diffusionsat.io.TileException;
import java.util.Locale;

/**
 * A plausibility check of the Sentinel-2 values read against the radiometry they are read with,
 * so a wrong setting fails the tile naming it instead of saturating every channel. Over the
 * valid pixels of the Sentinel-2 bands (found by identity), as digital numbers (reflectance ×
 * 10000):
 *
 * <ul>
 *   <li>reflectance above {@value #MAX_REFLECTANCE} (DN 20000) in more than {@value
 *       #MAX_BRIGHT_FRACTION} of them: digital numbers read as reflectance;
 *   <li>every one below 1 DN (reflectance 0.0001): reflectance read as digital numbers, or an
 *       offset applied to values that have none.
 * </ul>
 *
 * Clouds and snow reach a reflectance of about 1.5, so real data passes both.
 */
public final class RadiometryCheck {
    static final double MAX_REFLECTANCE = 2.0;
    static final double MAX_BRIGHT_FRACTION = 0.01;

    private RadiometryCheck() {}

    /**
     * Throws a {@link TileException} naming {@code setting} (where the radiometry came from,
     * e.g. {@code io.radiometry}) when the raster's values are implausible for {@code
     * radiometry}; a raster without Sentinel-2 bands passes.
     */
    public static void require(String tileId, Raster raster, Radiometry radiometry,
            String setting) {
        long valid = 0;
        long bright = 0;
        double max = Double.NEGATIVE_INFINITY;
        for (int b = 0; b < raster.bandCount(); b++) {
            if (BandNames.sentinel2Band(raster.bandNames().get(b)).isEmpty()) {
                continue;
            }
            for (float value : raster.bands()[b]) {
                if (raster.noData().isMissing(value)) {
                    continue;
                }
                double dn = radiometry.toDigitalNumber(value);
                valid++;
                bright += dn > MAX_REFLECTANCE * 10000 ? 1 : 0;
                max = Math.max(max, dn);
            }
        }
        if (valid == 0) {
            return;
        }
        String read = "values read as " + radiometry.key() + " (" + setting + ")";
        if (bright > MAX_BRIGHT_FRACTION * valid) {
            throw new TileException(tileId, String.format(Locale.ROOT,
                    "%s give a reflectance above %.0f in %.1f%% of the pixels: the file holds "
                            + "digital numbers? Set %s to digital-numbers or "
                            + "digital-numbers-offset-1000", read, MAX_REFLECTANCE,
                    100.0 * bright / valid, setting));
        }
        if (max < 1) {
            throw new TileException(tileId, String.format(Locale.ROOT,
                    "%s are all below 1 digital number (max %.4g): the file holds reflectance "
                            + "0..1, or values without the 04.00 offset? Set %s to reflectance "
                            + "or digital-numbers", read, max, setting));
        }
    }
}
