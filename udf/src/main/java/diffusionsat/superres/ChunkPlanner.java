package diffusionsat.superres;

import diffusionsat.io.raster.RasterWindow;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Cuts a scene into chunks of about {@code superres.chunkSize} input pixels a side, the work
 * items spread over the executors. A windowed model's chunk borders fall on the scene's window
 * grid (window starts), so every chunk computes whole windows of the same grid.
 */
public final class ChunkPlanner {
    private final int chunkSize;

    public ChunkPlanner(int chunkSize) {
        this.chunkSize = chunkSize;
    }

    /** The chunks of a {@code width × height} scene, row-major; one when it fits a chunk. */
    public List<SceneChunk> plan(int width, int height, ChunkLayout layout) {
        List<Integer> columns = borders(width, layout.borderCandidates(width));
        List<Integer> rows = borders(height, layout.borderCandidates(height));
        int count = (columns.size() - 1) * (rows.size() - 1);
        List<SceneChunk> chunks = new ArrayList<>(count);
        for (int r = 0; r + 1 < rows.size(); r++) {
            for (int c = 0; c + 1 < columns.size(); c++) {
                chunks.add(new SceneChunk(chunks.size(), count, new RasterWindow(columns.get(c),
                        rows.get(r), columns.get(c + 1) - columns.get(c),
                        rows.get(r + 1) - rows.get(r))));
            }
        }
        return chunks;
    }

    /**
     * Borders along one axis, 0 and {@code length} included: ceil(length / chunkSize) chunks of
     * near-equal size, each inner border the allowed position nearest its even share (null =
     * any position).
     */
    List<Integer> borders(int length, List<Integer> allowed) {
        int chunks = (int) ((length + (long) chunkSize - 1) / chunkSize);
        TreeSet<Integer> candidates = allowed == null ? null : new TreeSet<>(allowed);
        List<Integer> borders = new ArrayList<>();
        borders.add(0);
        for (int i = 1; i < chunks; i++) {
            int even = (int) (i * (long) length / chunks);
            int border = candidates == null ? even : nearest(candidates, even);
            if (border > borders.get(borders.size() - 1) && border < length) {
                borders.add(border);
            }
        }
        borders.add(length);
        return borders;
    }

    private static int nearest(TreeSet<Integer> candidates, int position) {
        Integer below = candidates.floor(position);
        Integer above = candidates.ceiling(position);
        if (below == null) {
            return above;
        }
        if (above == null) {
            return below;
        }
        return position - below <= above - position ? below : above;
    }
}
