package diffusionsat.superres;

import diffusionsat.io.raster.PixelGrid;
import diffusionsat.io.raster.RasterWindow;
import diffusionsat.sampling.SatelliteMetadata;

/**
 * A resolver's input channels over one region of a scene (a chunk with the margin its renderer
 * needs), with the scene's size, metadata and seed: windows are seeded by their position in the
 * scene, so a chunk draws the same noise as the whole-scene run.
 *
 * @param region where {@code planes} lie in the scene's pixel grid
 * @param planes channels in [0, 1], row-major over {@code region}
 * @param grid the region's georeferenced grid (each window's own metadata comes from it); null
 *     where the input has none
 * @param degradation 1, or the factor by which Wald's protocol degraded these pixels
 */
public record RegionChannels(String tileId, int sceneWidth, int sceneHeight, RasterWindow region,
        float[][] planes, SatelliteMetadata metadata, long seed, PixelGrid grid,
        int degradation) {

    /** The channels of {@code window} (scene grid, within the region) as a resolver input. */
    public SuperResolutionInput cut(RasterWindow window, long windowSeed) {
        RasterWindow local = window.relativeTo(region);
        float[][] out = new float[planes.length][Math.toIntExact(window.pixels())];
        for (int c = 0; c < planes.length; c++) {
            for (int y = 0; y < window.height(); y++) {
                System.arraycopy(planes[c], (local.y() + y) * region.width() + local.x(), out[c],
                        y * window.width(), window.width());
            }
        }
        return new SuperResolutionInput(tileId, window.width(), window.height(), out, metadata,
                windowSeed, grid == null ? null : grid.window(local.x(), local.y(),
                        window.width(), window.height()), degradation);
    }
}
