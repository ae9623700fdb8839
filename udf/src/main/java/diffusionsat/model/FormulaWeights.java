package diffusionsat.model;

import ai.djl.ndarray.types.Shape;
import diffusionsat.io.checkpoint.HostTensor;
import diffusionsat.io.checkpoint.StateDict;
import diffusionsat.io.checkpoint.WeightFiles;
import diffusionsat.model.inception.FidInceptionV3;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Deterministic weights that Python (numpy uint64) and Java reproduce bit for bit, for networks
 * too large to store as test fixtures (src-test's metricnets/make_inception.py) and for
 * benchmarks that run the same network on both sides. For each tensor, seed = FNV-1a 64 of its
 * UTF-8 name; element i draws splitmix64(seed + i) (wrapping 64-bit arithmetic), and u =
 * its top 24 bits / 2^24 in [0, 1), exact in float32. Then, by tensor kind (in float64, rounded
 * to float32 once):
 * <ul>
 *   <li>{@code running_var}: 0.5 + u
 *   <li>other {@code weight}s of rank ≥ 2 (conv, linear): (2u − 1) · sqrt(3 / fan_in),
 *       variance 1 / fan_in
 *   <li>1-D {@code weight}s (norm scales): 1 + 0.1 (2u − 1)
 *   <li>everything else ({@code bias}, {@code running_mean}): 0.1 (2u − 1)
 * </ul>
 */
public final class FormulaWeights {
    private static final long FNV_OFFSET = 0xCBF29CE484222325L;
    private static final long FNV_PRIME = 0x100000001B3L;
    private static final double TWO_TO_24 = 1 << 24;

    private FormulaWeights() {}

    /** A float32 state dict with one formula tensor per entry of {@code shapes}. */
    public static StateDict stateDict(Map<String, Shape> shapes) {
        List<HostTensor> tensors = new ArrayList<>();
        shapes.forEach((name, shape) -> tensors.add(
                HostTensor.ofFloats(name, shape.getShape(), values(name, shape.getShape()))));
        return StateDict.of("<formula weights>", tensors);
    }

    /** The FID Inception-v3 (1008 classes) with formula weights. */
    public static StateDict fidInception() {
        return stateDict(new FidInceptionV3(FidInceptionV3.FID_CLASSES).parameterShapes());
    }

    /** {@link #fidInception()} written as safetensors to {@code file} (~95 MB), for the jobs. */
    public static Path writeFidInception(Path file) {
        WeightFiles.writeSafetensors(fidInception(), file);
        return file;
    }

    /** The values of the tensor {@code name} of {@code shape}, in C order. */
    public static float[] values(String name, long[] shape) {
        int n = Math.toIntExact(new Shape(shape).size());
        long seed = fnv1a64(name);
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            double u = (splitMix64(seed + i) >>> 40) / TWO_TO_24;
            out[i] = (float) value(name, shape, n, u);
        }
        return out;
    }

    private static double value(String name, long[] shape, int size, double u) {
        if (name.endsWith("running_var")) {
            return 0.5 + u;
        }
        if (name.endsWith("weight") && shape.length >= 2) {
            return (2 * u - 1) * Math.sqrt(3.0 / (size / shape[0]));
        }
        if (name.endsWith("weight")) {
            return 1 + 0.1 * (2 * u - 1);
        }
        return 0.1 * (2 * u - 1);
    }

    /** FNV-1a, 64-bit, of the UTF-8 bytes of {@code text}. */
    static long fnv1a64(String text) {
        long h = FNV_OFFSET;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xFF)) * FNV_PRIME;
        }
        return h;
    }

    /** The splitmix64 output function of state {@code x} (its increment added first). */
    static long splitMix64(long x) {
        long z = x + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
