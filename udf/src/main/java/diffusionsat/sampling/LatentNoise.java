package diffusionsat.sampling;

import java.util.SplittableRandom;

/**
 * Initial latents x_T ~ N(0, I) drawn on the JVM from one item's own generator (STYLE.md §3.6),
 * so an item's noise depends only on its seed: not on the batch, partition, device or engine RNG.
 * Uses {@link SplittableRandom#nextGaussian()} (Java 17's algorithm).
 */
public final class LatentNoise {
    private LatentNoise() {}

    /** {@code count} standard normal values from a generator seeded with {@code seed}. */
    public static float[] gaussian(long seed, int count) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }
}
