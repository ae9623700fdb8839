package diffusionsat.io.raster;

import diffusionsat.io.TileException;

/**
 * A raster that is not on the grid its job needs (another CRS, extent or pixel grid): warping it
 * would invent pixels, so the tile fails with both grids named.
 */
public final class GridMismatchException extends TileException {
    GridMismatchException(String tileId, String what, PixelGrid grid, String relation,
            String reference, PixelGrid referenceGrid) {
        super(tileId, what + " (" + grid.describe() + ") does not " + relation + " the grid of "
                + reference + " (" + referenceGrid.describe() + ")"
                + (grid.crsWkt().equals(referenceGrid.crsWkt()) ? "" : "; the CRSs differ"));
    }
}
