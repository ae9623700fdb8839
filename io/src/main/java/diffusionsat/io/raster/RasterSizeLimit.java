package diffusionsat.io.raster;

import java.util.Locale;
import org.gdal.gdal.Dataset;

/**
 * The {@code io.maxPixels} rule: a raster's declared size is checked before any pixel buffer is
 * allocated, so a header that declares a huge image fails its tile naming the size instead of
 * exhausting the executor's memory (an {@code OutOfMemoryError} ends the whole executor JVM).
 * Every read calls it with what it is about to allocate ({@link #check}); a raster opened to be
 * read window by window is never held whole, and its declared size a band is checked instead
 * ({@link #checkDeclared}).
 */
public final class RasterSizeLimit {
    /** The most values one Java array holds (a little under 2^31). */
    static final long MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;

    private RasterSizeLimit() {}

    /** {@link #check(String, String, long, long, long, long)} for all of an open dataset. */
    public static void check(String tileId, String uri, Dataset dataset, long maxPixels) {
        check(tileId, uri, dataset.GetRasterXSize(), dataset.GetRasterYSize(),
                dataset.GetRasterCount(), maxPixels);
    }

    /**
     * Fails with a {@link TileReadException} naming the size when {@code width × height ×
     * bands} exceeds {@code maxPixels}, when one band would not fit a Java array, or when the
     * raster declares no pixels.
     */
    public static void check(String tileId, String uri, long width, long height, long bands,
            long maxPixels) {
        requirePixels(tileId, uri, width, height);
        String size = width + " x " + height + " px x " + bands + " bands";
        long perBand = saturatedProduct(width, height);
        long values = saturatedProduct(perBand, Math.max(bands, 1));
        if (values > maxPixels) {
            throw new TileReadException(tileId, uri, String.format(Locale.ROOT,
                    "declares %s = %s values, above io.maxPixels = %d", size,
                    values == Long.MAX_VALUE ? "too many" : Long.toString(values), maxPixels));
        }
        if (perBand > MAX_ARRAY_LENGTH) {
            throw new TileReadException(tileId, uri, "declares " + size
                    + ": one band is more than a Java array holds (" + MAX_ARRAY_LENGTH + ")");
        }
    }

    /**
     * Fails with a {@link TileReadException} naming the size when one band of the raster ({@code
     * width × height}) exceeds {@code maxPixels} or declares no pixels: the check on opening a
     * raster for windowed reads, before any window is read.
     */
    public static void checkDeclared(String tileId, String uri, long width, long height,
            long bands, long maxPixels) {
        requirePixels(tileId, uri, width, height);
        long perBand = saturatedProduct(width, height);
        if (perBand > maxPixels) {
            throw new TileReadException(tileId, uri, String.format(Locale.ROOT,
                    "declares %d x %d px x %d bands: %s px a band, above io.maxPixels = %d",
                    width, height, bands,
                    perBand == Long.MAX_VALUE ? "too many" : Long.toString(perBand), maxPixels));
        }
    }

    private static void requirePixels(String tileId, String uri, long width, long height) {
        if (width <= 0 || height <= 0) {
            throw new TileReadException(tileId, uri, "declares " + width + " x " + height
                    + " px: no pixels");
        }
    }

    private static long saturatedProduct(long a, long b) {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }
}
