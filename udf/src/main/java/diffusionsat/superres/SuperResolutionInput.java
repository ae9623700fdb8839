package diffusionsat.superres;

import diffusionsat.io.raster.PixelGrid;
import diffusionsat.sampling.SatelliteMetadata;

/**
 * One tile (or window of a tile) as a super-resolver sees it.
 *
 * @param tileId catalogue id (errors and logs name it)
 * @param width input width in pixels
 * @param height input height in pixels
 * @param channels planes in [0,1], row-major, in the order the resolver asked for
 * @param metadata the tile's metadata, its GSD that of the input pixels; null where the
 *     catalogue lacks a field (a resolver that needs it fails the tile)
 * @param seed the tile's noise seed, a function of (run seed, tile id) only
 * @param grid where these pixels lie, so that a window's own centre can be placed; null where
 *     unknown (the tile's centroid is used)
 * @param degradation 1, or the factor by which Wald's protocol degraded these pixels
 */
public record SuperResolutionInput(
        String tileId, int width, int height, float[][] channels, SatelliteMetadata metadata,
        long seed, PixelGrid grid, int degradation) {

    public SuperResolutionInput {
        for (float[] plane : channels) {
            if (plane.length != width * height) {
                throw new IllegalArgumentException("tile " + tileId + ": a channel has "
                        + plane.length + " values, expected " + width + "x" + height);
            }
        }
        if (grid != null && (grid.width() != width || grid.height() != height)) {
            throw new IllegalArgumentException("tile " + tileId + ": grid " + grid.describe()
                    + " does not have the input's " + width + "x" + height + " pixels");
        }
        if (degradation < 1) {
            throw new IllegalArgumentException("tile " + tileId + ": degradation " + degradation);
        }
    }

    /** An input that is not placed on a grid and not degraded. */
    public SuperResolutionInput(String tileId, int width, int height, float[][] channels,
            SatelliteMetadata metadata, long seed) {
        this(tileId, width, height, channels, metadata, seed, null, 1);
    }
}
