package diffusionsat.superres;

import diffusionsat.io.raster.RasterWindow;

/**
 * Runs a fixed-window model over tiles of any size (DESIGN.md §4 "Large scenes"): the input is
 * cut into overlapping windows, and the outputs are blended with feathered weights so that no
 * seam shows ({@link WindowBlend}, one row of windows at a time). A tile that fits in one window
 * is passed through unchanged; a smaller one is padded by edge replication and the output
 * cropped.
 */
public final class WindowedSuperResolver extends ForwardingSuperResolver {
    private final int window;
    private final WindowBlend blend;

    /**
     * @param model the fixed-window resolver
     * @param window the window size in input pixels the model takes
     * @param overlap the overlap between neighbouring windows in input pixels
     */
    public WindowedSuperResolver(SuperResolver model, int window, int overlap) {
        super(model);
        this.window = window;
        this.blend = new WindowBlend(model, window, overlap);
    }

    @Override
    public ChunkRenderer renderer() {
        return blend;
    }

    @Override
    public float[][] superResolve(SuperResolutionInput input, int scale) {
        if (input.width() == window && input.height() == window) {
            return model.superResolve(input, scale);
        }
        RasterWindow whole = RasterWindow.of(input.width(), input.height());
        RegionChannels region = new RegionChannels(input.tileId(), input.width(),
                input.height(), whole, input.channels(), input.metadata(), input.seed(),
                input.grid(), input.degradation());
        RasterWindow outWhole = whole.scaled(scale);
        float[][] out = new float[3][Math.toIntExact(outWhole.pixels())];
        blend.render(region, whole, scale, (strip, rgb) -> {
            for (int c = 0; c < 3; c++) {
                System.arraycopy(rgb[c], 0, out[c], strip.y() * outWhole.width(),
                        rgb[c].length);
            }
        });
        return out;
    }
}
