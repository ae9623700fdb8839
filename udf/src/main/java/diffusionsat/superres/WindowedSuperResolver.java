package diffusionsat.superres;

import diffusionsat.sampling.SamplingInfo;
import diffusionsat.sampling.TileSeeds;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a fixed-window model over scenes of any size (DESIGN.md §4 "Large scenes"): the input is
 * cut into overlapping windows, each window is super-resolved, and the outputs are blended with
 * feathered weights (a linear ramp across each overlap) so that no seam shows. A scene that fits
 * in one window is passed through unchanged; a smaller one is padded by edge replication and the
 * output cropped.
 */
public final class WindowedSuperResolver implements SuperResolver {
    private final SuperResolver model;
    private final int window;
    private final int overlap;

    /**
     * @param model the fixed-window resolver
     * @param window the window size in input pixels the model takes
     * @param overlap the overlap between neighbouring windows in input pixels
     */
    public WindowedSuperResolver(SuperResolver model, int window, int overlap) {
        this.model = model;
        this.window = window;
        this.overlap = overlap;
        new WindowGrid(window, window, overlap); // validates the pair
    }

    @Override
    public String name() {
        return model.name();
    }

    @Override
    public InputChannels inputChannels() {
        return model.inputChannels();
    }

    @Override
    public SamplingInfo sampling() {
        return model.sampling();
    }

    @Override
    public float[][] superResolve(SuperResolutionInput input, int scale) {
        int width = input.width();
        int height = input.height();
        if (width == window && height == window) {
            return model.superResolve(input, scale);
        }
        if (width < window || height < window) {
            return crop(superResolve(padded(input), scale), Math.max(window, width) * scale,
                    width * scale, height * scale);
        }
        int outWidth = width * scale;
        float[][] sum = new float[3][outWidth * height * scale];
        float[] weightSum = new float[outWidth * height * scale];
        float[] ramp = featherRamp(window * scale, overlap * scale);
        List<Integer> ys = new WindowGrid(height, window, overlap).starts();
        List<Integer> xs = new WindowGrid(width, window, overlap).starts();
        List<SuperResolutionInput> windows = new ArrayList<>();
        for (int y0 : ys) {
            for (int x0 : xs) {
                windows.add(cut(input, x0, y0));
            }
        }
        List<float[][]> outputs = model.superResolveAll(windows, scale); // one call: batchable
        int index = 0;
        for (int y0 : ys) {
            for (int x0 : xs) {
                accumulate(outputs.get(index++), ramp, x0 * scale, y0 * scale, outWidth, sum,
                        weightSum);
            }
        }
        for (float[] plane : sum) {
            for (int i = 0; i < plane.length; i++) {
                plane[i] /= weightSum[i];
            }
        }
        return sum;
    }

    /** Weights across one window side: rising linearly over the overlap, 1 in the middle. */
    private static float[] featherRamp(int size, int overlap) {
        float[] ramp = new float[size];
        for (int i = 0; i < size; i++) {
            int fromEdge = Math.min(i, size - 1 - i);
            ramp[i] = overlap == 0 ? 1f : Math.min(1f, (fromEdge + 0.5f) / overlap);
        }
        return ramp;
    }

    private static void accumulate(float[][] out, float[] ramp, int outX0, int outY0,
            int outWidth, float[][] sum, float[] weightSum) {
        int size = ramp.length;
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                float weight = ramp[x] * ramp[y];
                int target = (outY0 + y) * outWidth + outX0 + x;
                weightSum[target] += weight;
                for (int c = 0; c < sum.length; c++) {
                    sum[c][target] += weight * out[c][y * size + x];
                }
            }
        }
    }

    private SuperResolutionInput cut(SuperResolutionInput input, int x0, int y0) {
        float[][] planes = new float[input.channels().length][window * window];
        for (int c = 0; c < planes.length; c++) {
            for (int y = 0; y < window; y++) {
                System.arraycopy(input.channels()[c], (y0 + y) * input.width() + x0, planes[c],
                        y * window, window);
            }
        }
        // Each window its own noise, still a function of (run seed, tile id) only.
        long seed = new TileSeeds(input.seed()).forTile(x0 + "_" + y0);
        return new SuperResolutionInput(input.tileId(), window, window, planes, input.metadata(),
                seed, input.grid() == null ? null : input.grid().window(x0, y0, window, window),
                input.degradation());
    }

    /** Pads a scene smaller than a window up to the window by replicating its last row/column. */
    private SuperResolutionInput padded(SuperResolutionInput input) {
        int width = Math.max(window, input.width());
        int height = Math.max(window, input.height());
        float[][] planes = new float[input.channels().length][width * height];
        for (int c = 0; c < planes.length; c++) {
            for (int y = 0; y < height; y++) {
                int sy = Math.min(y, input.height() - 1);
                for (int x = 0; x < width; x++) {
                    planes[c][y * width + x] =
                            input.channels()[c][sy * input.width() + Math.min(x, input.width() - 1)];
                }
            }
        }
        return new SuperResolutionInput(input.tileId(), width, height, planes, input.metadata(),
                input.seed(), input.grid() == null ? null : input.grid().window(0, 0, width, height),
                input.degradation());
    }

    private static float[][] crop(float[][] planes, int sourceWidth, int width, int height) {
        float[][] out = new float[planes.length][];
        for (int c = 0; c < planes.length; c++) {
            out[c] = new float[width * height];
            for (int y = 0; y < height; y++) {
                System.arraycopy(planes[c], y * sourceWidth, out[c], y * width, width);
            }
        }
        return out;
    }
}
