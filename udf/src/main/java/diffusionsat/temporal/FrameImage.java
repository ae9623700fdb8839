package diffusionsat.temporal;

import diffusionsat.io.raster.PixelGrid;

/**
 * One frame's RGB planes in [0,1] on its own pixel grid, and its conditioning image ({@link
 * Planes#conditioning}: upstream's shorter-edge resize and centre crop, so the output covers the
 * centre window of a non-square frame).
 */
final class FrameImage {
    private final String frameId;
    private final PixelGrid grid;
    private final float[][] rgb;
    private float[][] conditioning;
    private int conditioningSize;

    FrameImage(String frameId, PixelGrid grid, float[][] rgb) {
        this.frameId = frameId;
        this.grid = grid;
        this.rgb = rgb;
    }

    String frameId() {
        return frameId;
    }

    PixelGrid grid() {
        return grid;
    }

    /** R, G, B planes, row-major on {@link #grid()}. */
    float[][] rgb() {
        return rgb;
    }

    /** R, G, B planes of {@code size × size}, clamped to [0,1]; computed once per size. */
    synchronized float[][] conditioning(int size) {
        if (conditioning == null || conditioningSize != size) {
            conditioning = Planes.conditioning(rgb, grid.width(), grid.height(), size);
            conditioningSize = size;
        }
        return conditioning;
    }
}
