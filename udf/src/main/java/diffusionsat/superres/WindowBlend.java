package diffusionsat.superres;

import diffusionsat.io.raster.RasterWindow;
import diffusionsat.sampling.TileSeeds;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders a fixed-window model over a chunk (DESIGN.md §4 "Large scenes"): the scene's window
 * grid ({@link WindowGrid}, fixed by the scene's size, not the chunk's) is walked one row of
 * windows at a time; each row's windows are resolved in one call (batchable), blended with
 * feathered weights (a linear ramp across each overlap) into the output rows they cover, and the
 * rows no later window reaches are finished and handed on. Memory: one row of windows and the
 * output rows it spans. Windows are seeded by their scene position and blended in the scene's
 * row-major order, so any chunk of the scene gives exactly the whole-scene run's pixels.
 */
final class WindowBlend implements ChunkRenderer {
    private final SuperResolver model;
    private final int window;
    private final int overlap;
    private final WindowLayout layout;

    WindowBlend(SuperResolver model, int window, int overlap) {
        this.model = model;
        this.window = window;
        this.overlap = overlap;
        this.layout = new WindowLayout(window, overlap);
    }

    @Override
    public List<Integer> borderCandidates(int length) {
        return layout.borderCandidates(length);
    }

    @Override
    public RasterWindow region(RasterWindow core, int sceneWidth, int sceneHeight) {
        return layout.region(core, sceneWidth, sceneHeight);
    }

    @Override
    public void render(RegionChannels input, RasterWindow core, int scale, OutputSink sink) {
        RegionChannels padded = padded(input);
        List<Integer> xs = layout.startsTouching(input.sceneWidth(), core.x(), core.endX());
        List<Integer> ys = layout.startsTouching(input.sceneHeight(), core.y(), core.endY());
        RasterWindow outCore = core.scaled(scale);
        float[] ramp = featherRamp(window * scale, overlap * scale);
        TreeMap<Integer, float[][]> pending = new TreeMap<>(); // output row -> R, G, B, weight
        TileSeeds windowSeeds = new TileSeeds(input.seed());
        for (int row = 0; row < ys.size(); row++) {
            int y0 = ys.get(row);
            List<SuperResolutionInput> windows = new ArrayList<>(xs.size());
            for (int x0 : xs) {
                // Each window its own noise, still a function of (run seed, tile id) only.
                windows.add(padded.cut(new RasterWindow(x0, y0, window, window),
                        windowSeeds.forTile(x0 + "_" + y0)));
            }
            List<float[][]> outputs = model.superResolveAll(windows, scale);
            for (int i = 0; i < xs.size(); i++) {
                accumulate(outputs.get(i), ramp, xs.get(i) * scale, y0 * scale, outCore,
                        pending);
            }
            int finishedBelow = row + 1 < ys.size() ? ys.get(row + 1) * scale : outCore.endY();
            flush(pending, finishedBelow, outCore, sink);
        }
    }

    /** Weights across one window side: rising linearly over the overlap, 1 in the middle. */
    static float[] featherRamp(int size, int overlap) {
        float[] ramp = new float[size];
        for (int i = 0; i < size; i++) {
            int fromEdge = Math.min(i, size - 1 - i);
            ramp[i] = overlap == 0 ? 1f : Math.min(1f, (fromEdge + 0.5f) / overlap);
        }
        return ramp;
    }

    /** Adds one window's weighted output to the rows and columns of the core it covers. */
    private static void accumulate(float[][] out, float[] ramp, int outX0, int outY0,
            RasterWindow outCore, TreeMap<Integer, float[][]> pending) {
        int size = ramp.length;
        int xFrom = Math.max(outX0, outCore.x());
        int xTo = Math.min(outX0 + size, outCore.endX());
        int yFrom = Math.max(outY0, outCore.y());
        int yTo = Math.min(outY0 + size, outCore.endY());
        for (int y = yFrom; y < yTo; y++) {
            float[][] target = pending.computeIfAbsent(y, k -> new float[4][outCore.width()]);
            float rowWeight = ramp[y - outY0];
            for (int x = xFrom; x < xTo; x++) {
                float weight = ramp[x - outX0] * rowWeight;
                int source = (y - outY0) * size + x - outX0;
                int column = x - outCore.x();
                target[3][column] += weight;
                for (int c = 0; c < 3; c++) {
                    target[c][column] += weight * out[c][source];
                }
            }
        }
    }

    /** Normalises and hands on every pending row above {@code finishedBelow}, as one strip. */
    private static void flush(TreeMap<Integer, float[][]> pending, int finishedBelow,
            RasterWindow outCore, OutputSink sink) {
        Map<Integer, float[][]> done = pending.headMap(finishedBelow);
        if (done.isEmpty()) {
            return;
        }
        int width = outCore.width();
        int first = pending.firstKey();
        float[][] strip = new float[3][done.size() * width];
        int r = 0;
        for (Iterator<float[][]> it = done.values().iterator(); it.hasNext(); r++) {
            float[][] row = it.next();
            for (int c = 0; c < 3; c++) {
                for (int x = 0; x < width; x++) {
                    strip[c][r * width + x] = row[c][x] / row[3][x];
                }
            }
            it.remove();
        }
        sink.write(new RasterWindow(outCore.x(), first, width, r), strip);
    }

    /**
     * A scene smaller than a window along an axis gets one window there: its region is padded
     * to the window by replicating its last row or column, and the output beyond it dropped.
     */
    private RegionChannels padded(RegionChannels input) {
        RasterWindow region = input.region();
        if (region.width() >= window && region.height() >= window) {
            return input;
        }
        int width = Math.max(window, region.width());
        int height = Math.max(window, region.height());
        float[][] planes = new float[input.planes().length][width * height];
        for (int c = 0; c < planes.length; c++) {
            for (int y = 0; y < height; y++) {
                int sy = Math.min(y, region.height() - 1);
                for (int x = 0; x < width; x++) {
                    planes[c][y * width + x] = input.planes()[c][sy * region.width()
                            + Math.min(x, region.width() - 1)];
                }
            }
        }
        return new RegionChannels(input.tileId(), input.sceneWidth(), input.sceneHeight(),
                new RasterWindow(region.x(), region.y(), width, height), planes,
                input.metadata(), input.seed(), input.grid() == null ? null
                        : input.grid().window(0, 0, width, height), input.degradation());
    }
}
