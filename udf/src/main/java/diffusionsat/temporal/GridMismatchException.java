package diffusionsat.temporal;

import diffusionsat.io.TileException;

/**
 * A conditioning frame that does not cover the output grid (another CRS or extent): warping it
 * would invent pixels the model never saw, so the request fails with both grids named.
 */
public final class GridMismatchException extends TileException {
    public GridMismatchException(String requestId, String frameId, PixelGrid frame,
            String gridFrameId, PixelGrid grid) {
        super(requestId, "frame " + frameId + " (" + frame.describe() + ") does not cover the grid"
                + " of frame " + gridFrameId + " (" + grid.describe() + ")"
                + (frame.crsWkt().equals(grid.crsWkt()) ? "" : "; the CRSs differ"));
    }
}
