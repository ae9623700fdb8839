package diffusionsat.superres;

import java.io.Serializable;

/**
 * Per-tile image-quality metrics (DESIGN.md §7) of one super-resolved tile.
 *
 * @param reference {@code target} (a high-res ground truth) or {@code wald} (Wald's protocol)
 * @param referenceResampled whether the reference had to be resampled to the output grid
 */
public record TileMetrics(String reference, double mse, double psnr, double ssim,
        boolean referenceResampled) implements Serializable {}
