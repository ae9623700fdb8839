package diffusionsat.io.catalog;

import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** The file names the catalogue reads as rasters (through GDAL), and their sidecars. */
public final class RasterFiles {
    /** GeoTIFF, fMoW-RGB's JPEG, PNG, JPEG 2000 (Sentinel-2 SAFE), VRT and ERDAS Imagine. */
    public static final List<String> SUFFIXES = List.of(".tif", ".tiff", ".jpg", ".jpeg", ".png",
            ".jp2", ".vrt", ".img");

    private RasterFiles() {}

    /** Whether a file name ends with one of {@link #SUFFIXES} (case ignored). */
    public static boolean isRaster(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return SUFFIXES.stream().anyMatch(lower::endsWith);
    }

    static String[] withSidecars() {
        return Stream.concat(SUFFIXES.stream(), Stream.of(".json")).toArray(String[]::new);
    }
}
