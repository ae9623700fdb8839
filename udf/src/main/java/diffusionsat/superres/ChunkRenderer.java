package diffusionsat.superres;

import diffusionsat.io.raster.RasterWindow;

/**
 * How a {@link SuperResolver} renders one chunk of a scene: which input pixels it needs around
 * the chunk's core, and how it streams the core's output, strip by strip, so that neither the
 * chunk's nor the scene's whole output is ever held. Every implementation gives each output pixel
 * the value the whole-scene run would give it, so chunked and unchunked outputs agree.
 */
public interface ChunkRenderer extends ChunkLayout {

    /**
     * Renders {@code core} (scene grid) from {@code input}, whose region is {@link #region}'s,
     * handing finished output strips (scene output grid, {@code scale} times finer) to {@code
     * sink} top to bottom.
     */
    void render(RegionChannels input, RasterWindow core, int scale, OutputSink sink);

    /** Receives finished output: R, G, B planes of {@code window}'s size, row-major. */
    @FunctionalInterface
    interface OutputSink {
        void write(RasterWindow window, float[][] rgb);
    }
}
