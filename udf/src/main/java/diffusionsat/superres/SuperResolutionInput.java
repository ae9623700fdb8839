package diffusionsat.superres;

import diffusionsat.sampling.SatelliteMetadata;

/**
 * One tile as a super-resolver sees it.
 *
 * @param tileId catalogue id (errors and logs name it)
 * @param width input width in pixels
 * @param height input height in pixels
 * @param channels planes in [0,1], row-major, in the order the resolver asked for
 * @param metadata the tile's metadata, its GSD that of the input pixels; null where the
 *     catalogue lacks a field (a resolver that needs it fails the tile)
 * @param seed the tile's noise seed, a function of (run seed, tile id) only
 */
public record SuperResolutionInput(
        String tileId, int width, int height, float[][] channels, SatelliteMetadata metadata,
        long seed) {

    public SuperResolutionInput {
        for (float[] plane : channels) {
            if (plane.length != width * height) {
                throw new IllegalArgumentException("tile " + tileId + ": a channel has "
                        + plane.length + " values, expected " + width + "x" + height);
            }
        }
    }
}
