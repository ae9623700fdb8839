package diffusionsat.superres;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Reports each finished window to a progress counter: it hands the model the windows of a scene
 * in groups of one device batch, in order, so the outputs (and the batches the model forms) are
 * the ones it would produce from the whole list at once.
 */
public final class CountingSuperResolver extends ForwardingSuperResolver {
    private final int batchSize;
    private final LongConsumer windowsDone;

    /**
     * @param model the fixed-window resolver
     * @param batchSize the model's device batch ({@code sampler.batchSize})
     * @param windowsDone told the number of windows each time a group is done
     */
    public CountingSuperResolver(SuperResolver model, int batchSize, LongConsumer windowsDone) {
        super(model);
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1: " + batchSize);
        }
        this.batchSize = batchSize;
        this.windowsDone = windowsDone;
    }

    @Override
    public float[][] superResolve(SuperResolutionInput input, int scale) {
        float[][] output = model.superResolve(input, scale);
        windowsDone.accept(1);
        return output;
    }

    @Override
    public List<float[][]> superResolveAll(List<SuperResolutionInput> inputs, int scale) {
        List<float[][]> outputs = new ArrayList<>(inputs.size());
        for (int from = 0; from < inputs.size(); from += batchSize) {
            List<SuperResolutionInput> group = inputs.subList(from,
                    Math.min(inputs.size(), from + batchSize));
            outputs.addAll(model.superResolveAll(group, scale));
            windowsDone.accept(group.size());
        }
        return outputs;
    }

    /** How many windows of {@code window} input pixels overlapping by {@code overlap} a tile is. */
    public static long windowsPerTile(int width, int height, int window, int overlap) {
        return (long) new WindowGrid(width, window, overlap).starts().size()
                * new WindowGrid(height, window, overlap).starts().size();
    }
}
