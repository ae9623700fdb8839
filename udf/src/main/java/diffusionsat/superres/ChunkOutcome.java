package diffusionsat.superres;

import java.io.Serializable;

/**
 * What one chunk produced besides its part file.
 *
 * @param missingPixels nodata or NaN input pixels in the core
 * @param pixels input pixels in the core
 * @param metrics the core's metrics; null when it has none (no reference, or all nodata)
 * @param metricPixels the pixels {@code metrics} averages over (weights when chunks merge)
 */
public record ChunkOutcome(long missingPixels, long pixels, TileMetrics metrics,
        long metricPixels) implements Serializable {}
