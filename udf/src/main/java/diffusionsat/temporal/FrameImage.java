package diffusionsat.temporal;

import diffusionsat.io.raster.PixelGrid;

/**
 * One frame's pixel grid and its conditioning image ({@link Planes#conditioning}'s rule:
 * upstream's shorter-edge resize and centre crop, so the output covers the centre window of a
 * non-square frame), read at that image's resolution ({@link ConditioningRead}).
 */
final class FrameImage {
    private final String frameId;
    private final PixelGrid grid;
    private final float[][] conditioning;

    FrameImage(String frameId, PixelGrid grid, float[][] conditioning) {
        this.frameId = frameId;
        this.grid = grid;
        this.conditioning = conditioning;
    }

    String frameId() {
        return frameId;
    }

    /** The frame's own pixel grid. */
    PixelGrid grid() {
        return grid;
    }

    /** R, G, B planes of the conditioning side², clamped to [0,1]. */
    float[][] conditioning() {
        return conditioning;
    }
}
