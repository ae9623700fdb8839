package diffusionsat.model;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import diffusionsat.io.checkpoint.HostTensor;
import diffusionsat.io.checkpoint.StateDict;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Seeded random weights for tests, benchmarks and generated checkpoints, drawn on the JVM (never
 * with the engine's global RNG, STYLE.md §3.6) with the reference fixtures' convention: tensors of
 * rank ≥ 2 ~ N(0, 1/fan_in), 1-D {@code weight}s (norm scales) 1 + N(0, 0.1²), other 1-D tensors
 * N(0, 0.05²).
 */
public final class RandomWeights {
    private RandomWeights() {}

    /** Gives every parameter of {@code block} a random value in {@code manager}. */
    public static void initialize(DiffusersBlock block, NDManager manager, ModelDType dtype,
            long seed) {
        dtype.requireSupportedOn(manager.getDevice());
        SplittableRandom random = new SplittableRandom(seed);
        block.parameters().forEach((path, parameter) -> DiffusersBlock.assign(parameter,
                draw(path, parameter.shape(), random), manager, dtype.dataType()));
    }

    /** The same draw as host tensors, e.g. to write a small checkpoint. */
    public static StateDict stateDict(DiffusersBlock block, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<HostTensor> tensors = new ArrayList<>();
        for (Map.Entry<String, Shape> entry : block.parameterShapes().entrySet()) {
            Shape shape = entry.getValue();
            tensors.add(HostTensor.ofFloats(
                    entry.getKey(), shape.getShape(), draw(entry.getKey(), shape, random)));
        }
        return StateDict.of(tensors);
    }

    private static float[] draw(String path, Shape shape, SplittableRandom random) {
        float[] values = new float[Math.toIntExact(shape.size())];
        double mean = 0;
        double std;
        if (shape.dimension() >= 2) {
            std = 1 / Math.sqrt(shape.size() / shape.get(0));
        } else if (path.endsWith("weight")) {
            mean = 1;
            std = 0.1;
        } else {
            std = 0.05;
        }
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (mean + std * random.nextGaussian());
        }
        return values;
    }
}
