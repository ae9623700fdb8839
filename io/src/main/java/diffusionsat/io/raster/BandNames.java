package diffusionsat.io.raster;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gdal.gdal.Band;
import org.gdal.gdal.Dataset;
import org.gdal.gdalconst.gdalconstConstants;

/** Band names of a dataset, and the canonical spelling of Sentinel-2 band names. */
public final class BandNames {
    private static final Pattern SENTINEL2 = Pattern.compile("B0?(\\d{1,2})(A?)");
    private static final List<String> RGB = List.of("R", "G", "B");

    private BandNames() {}

    /**
     * The names of a dataset's bands in file order: the band descriptions when every band has a
     * distinct one; else {@code R, G, B} for a 3-band file whose colour interpretation is
     * red/green/blue or whose pixels are bytes; else {@code B1..Bn}.
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
        List<String> numbered = new ArrayList<>();
        for (int b = 1; b <= count; b++) {
            numbered.add("B" + b);
        }
        return List.copyOf(numbered);
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

    private static final int[] RGB_INTERPRETATIONS = {
        gdalconstConstants.GCI_RedBand, gdalconstConstants.GCI_GreenBand,
        gdalconstConstants.GCI_BlueBand
    };
}
