package diffusionsat.superres;

import diffusionsat.io.raster.RasterWindow;
import java.util.ArrayList;
import java.util.List;

/** The chunk layout of a windowed model: the scene's {@link WindowGrid} on both axes. */
record WindowLayout(int window, int overlap) implements ChunkLayout {

    WindowLayout {
        new WindowGrid(window, window, overlap); // validates the pair
    }

    /** The scene's window starts along one axis that reach into [from, to). */
    List<Integer> startsTouching(int length, int from, int to) {
        List<Integer> touching = new ArrayList<>();
        for (int start : new WindowGrid(length, window, overlap).starts()) {
            if (start < to && start + window > from) {
                touching.add(start);
            }
        }
        return touching;
    }

    @Override
    public List<Integer> borderCandidates(int length) {
        return new WindowGrid(length, window, overlap).starts();
    }

    @Override
    public long windows(RasterWindow core, int sceneWidth, int sceneHeight) {
        return (long) startsTouching(sceneWidth, core.x(), core.endX()).size()
                * startsTouching(sceneHeight, core.y(), core.endY()).size();
    }

    @Override
    public RasterWindow region(RasterWindow core, int sceneWidth, int sceneHeight) {
        List<Integer> xs = startsTouching(sceneWidth, core.x(), core.endX());
        List<Integer> ys = startsTouching(sceneHeight, core.y(), core.endY());
        int x0 = xs.get(0);
        int y0 = ys.get(0);
        int x1 = Math.min(sceneWidth, xs.get(xs.size() - 1) + window);
        int y1 = Math.min(sceneHeight, ys.get(ys.size() - 1) + window);
        return new RasterWindow(x0, y0, x1 - x0, y1 - y0);
    }
}
