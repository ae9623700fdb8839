package diffusionsat.superres;

import diffusionsat.io.raster.RasterWindow;

/**
 * Renders a resolver whose output pixel depends only on input pixels a few pixels away (a
 * resampling kernel such as cubic convolution) in strips of rows: each strip is resolved with a
 * margin of input pixels on every side (clipped at the scene's edges, as the whole-scene run
 * is), and only its inner part is kept, so strips join without a seam and equal the whole-scene
 * output to float rounding.
 */
final class MarginTiles implements ChunkRenderer {
    /** Cubic convolution reads 2 input pixels each side; twice that leaves room to spare. */
    static final int CUBIC_MARGIN = 4;
    /** Input rows per strip: a 2048-px-wide chunk at scale 4 gives 256 × 8192 output px. */
    private static final int STRIP_ROWS = 64;

    private final SuperResolver resolver;
    private final int margin;

    MarginTiles(SuperResolver resolver, int margin) {
        this.resolver = resolver;
        this.margin = margin;
    }

    @Override
    public RasterWindow region(RasterWindow core, int sceneWidth, int sceneHeight) {
        return ChunkLayout.margin(margin).region(core, sceneWidth, sceneHeight);
    }

    @Override
    public void render(RegionChannels input, RasterWindow core, int scale, OutputSink sink) {
        for (int y = core.y(); y < core.endY(); y += STRIP_ROWS) {
            RasterWindow strip = new RasterWindow(core.x(), y, core.width(),
                    Math.min(STRIP_ROWS, core.endY() - y));
            RasterWindow withMargin = strip.grown(margin, input.sceneWidth(),
                    input.sceneHeight());
            float[][] out = resolver.superResolve(input.cut(withMargin, input.seed()), scale);
            sink.write(strip.scaled(scale), crop(out, withMargin.scaled(scale),
                    strip.scaled(scale)));
        }
    }

    /** The planes of {@code inner} out of planes covering {@code outer}. */
    static float[][] crop(float[][] planes, RasterWindow outer, RasterWindow inner) {
        RasterWindow local = inner.relativeTo(outer);
        float[][] out = new float[planes.length][Math.toIntExact(inner.pixels())];
        for (int c = 0; c < planes.length; c++) {
            for (int y = 0; y < inner.height(); y++) {
                System.arraycopy(planes[c], (local.y() + y) * outer.width() + local.x(), out[c],
                        y * inner.width(), inner.width());
            }
        }
        return out;
    }
}
