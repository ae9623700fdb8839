package diffusionsat.io.raster;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gdal.gdal.Band;
import org.gdal.gdal.Dataset;
import org.gdal.gdalconst.gdalconstConstants;

/**
 * Band names of a dataset, and band identity: the canonical Sentinel-2 name of a band from its
 * {@code B01}..{@code B12}/{@code B8A} spelling, its Earth Search asset key or its STAC {@code
 * eo:bands} common name. Bands are matched by identity, never by position: a file whose bands
 * have no names gets {@link #UNNAMED_PREFIX} placeholders that match no band.
 */
public final class BandNames {
    /** Prefix of the placeholder names of bands without a name ({@code unnamed-1}, ...). */
    public static final String UNNAMED_PREFIX = "unnamed-";

    private static final Pattern SENTINEL2 = Pattern.compile("B0?(\\d{1,2})(A?)");
    private static final List<String> RGB = List.of("R", "G", "B");
    // Earth Search's asset keys, which are also the STAC eo common names where one band has it
    // (plain "rededge" names three bands, so it identifies none).
    private static final Map<String, String> ASSET_KEYS = Map.ofEntries(
            Map.entry("coastal", "B01"), Map.entry("blue", "B02"), Map.entry("green", "B03"),
            Map.entry("red", "B04"), Map.entry("rededge1", "B05"), Map.entry("rededge2", "B06"),
            Map.entry("rededge3", "B07"), Map.entry("nir", "B08"), Map.entry("nir08", "B8A"),
            Map.entry("nir09", "B09"), Map.entry("cirrus", "B10"), Map.entry("swir16", "B11"),
            Map.entry("swir22", "B12"));

    private BandNames() {}

    /**
     * The names of a dataset's bands in file order: the band descriptions when every band has a
     * distinct one; else {@code R, G, B} for a 3-band file whose colour interpretation is
     * red/green/blue or whose pixels are bytes; else placeholders {@code unnamed-1..n}, which no
     * model band matches ({@link #allUnnamed}).
     */
    public static List<String> of(Dataset dataset) {
        int count = dataset.GetRasterCount();
        List<String> descriptions = new ArrayList<>();
        boolean rgbInterpretation = count == 3;
        boolean allBytes = true;
        for (int b = 1; b <= count; b++) {
            Band band = dataset.GetRasterBand(b);
            descriptions.add(band.GetDescription() == null ? "" : band.GetDescription().trim());
            allBytes &= band.GetRasterDataType() == gdalconstConstants.GDT_Byte;
            if (count == 3) {
                rgbInterpretation &= band.GetColorInterpretation() == RGB_INTERPRETATIONS[b - 1];
            }
        }
        if (descriptions.stream().noneMatch(String::isEmpty)
                && new HashSet<>(descriptions).size() == count) {
            return List.copyOf(descriptions);
        }
        if (count == 3 && (rgbInterpretation || allBytes)) {
            return RGB;
        }
        return unnamed(count);
    }

    /** {@code unnamed-1..count}. */
    public static List<String> unnamed(int count) {
        List<String> names = new ArrayList<>();
        for (int b = 1; b <= count; b++) {
            names.add(UNNAMED_PREFIX + b);
        }
        return List.copyOf(names);
    }

    /** Whether every name is a placeholder of {@link #of}: the file names none of its bands. */
    public static boolean allUnnamed(List<String> names) {
        return !names.isEmpty() && names.stream().allMatch(n -> n.startsWith(UNNAMED_PREFIX));
    }

    /**
     * The canonical Sentinel-2 spelling of a band name: {@code B1}, {@code b01} and {@code B01}
     * give {@code B01}; {@code B8A} and {@code B08A} give {@code B8A}. Other names come back
     * upper-cased and trimmed.
     */
    public static String canonicalSentinel2(String name) {
        String upper = name.trim().toUpperCase(Locale.ROOT);
        Matcher m = SENTINEL2.matcher(upper);
        if (!m.matches()) {
            return upper;
        }
        int number = Integer.parseInt(m.group(1));
        return m.group(2).isEmpty() ? String.format(Locale.ROOT, "B%02d", number)
                : "B" + number + "A";
    }

    /**
     * The Sentinel-2 band a name identifies: a {@code B..} spelling ({@link
     * #canonicalSentinel2}) of bands B01..B12 or B8A, or an Earth Search asset key / eo common
     * name ({@code red}, {@code nir08}, {@code swir16}, ...); empty for anything else.
     */
    public static Optional<String> sentinel2Band(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String key = name.trim().toLowerCase(Locale.ROOT);
        if (ASSET_KEYS.containsKey(key)) {
            return Optional.of(ASSET_KEYS.get(key));
        }
        String canonical = canonicalSentinel2(name);
        Matcher m = SENTINEL2.matcher(canonical);
        if (!m.matches()) {
            return Optional.empty();
        }
        int number = Integer.parseInt(m.group(1));
        boolean valid = m.group(2).isEmpty() ? number >= 1 && number <= 12 : number == 8;
        return valid ? Optional.of(canonical) : Optional.empty();
    }

    private static final int[] RGB_INTERPRETATIONS = {
        gdalconstConstants.GCI_RedBand, gdalconstConstants.GCI_GreenBand,
        gdalconstConstants.GCI_BlueBand
    };
}
