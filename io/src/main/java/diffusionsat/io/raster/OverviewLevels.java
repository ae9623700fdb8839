package diffusionsat.io.raster;

/**
 * The overview pyramid of a scene's COG: halvings until the larger side fits one 256-px block,
 * as GDAL's COG driver builds it. Parts of a scene carry these levels themselves (built in the
 * chunk's task), so that assembling the COG only copies them.
 */
public final class OverviewLevels {
    /** The COG's block size, and the largest side the smallest overview may have. */
    public static final int BLOCK_SIZE = 256;

    private OverviewLevels() {}

    /** How many halvings a {@code width × height} image's pyramid has. */
    public static int count(long width, long height) {
        int levels = 0;
        long side = Math.max(width, height);
        while (side > BLOCK_SIZE) {
            side = (side + 1) / 2;
            levels++;
        }
        return levels;
    }

    /** The factors of the first {@code levels} halvings: 2, 4, 8, ... */
    static int[] factors(int levels) {
        int[] factors = new int[levels];
        for (int i = 0; i < levels; i++) {
            factors[i] = 1 << (i + 1);
        }
        return factors;
    }

    /** A length at level {@code level} (1: the first halving), as GDAL sizes overviews. */
    static int size(long length, int level) {
        long factor = 1L << level;
        return (int) ((length + factor - 1) / factor);
    }
}
