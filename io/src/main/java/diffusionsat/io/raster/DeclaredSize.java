package diffusionsat.io.raster;

import java.util.Locale;

/**
 * The {@code io.maxPixels} rule: a raster whose header declares more pixels (width × height, in
 * long) than the limit fails by its size before anything is allocated, so a corrupt or hostile
 * header cannot exhaust an executor's memory.
 */
public final class DeclaredSize {
    /** The documented default of {@code io.maxPixels}: 2^31 px, about 46,000 px a side. */
    public static final long DEFAULT_MAX_PIXELS = 1L << 31;

    private DeclaredSize() {}

    /** Throws a {@link TileReadException} naming the declared size when it exceeds the limit. */
    public static void check(String tileId, String uri, RasterHeader header, long maxPixels) {
        if (header.pixels() > maxPixels) {
            throw new TileReadException(tileId, uri, String.format(Locale.ROOT,
                    "declares %d x %d px (%d px), more than io.maxPixels = %d", header.width(),
                    header.height(), header.pixels(), maxPixels));
        }
    }
}
