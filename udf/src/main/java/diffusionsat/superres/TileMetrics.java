package diffusionsat.superres;

import java.io.Serializable;

/**
 * Per-tile image-quality metrics (DESIGN.md §7) of one super-resolved tile, over its valid
 * pixels ({@link ImageComparison}).
 *
 * @param reference {@code target} (a high-res ground truth) or {@code wald} (Wald's protocol)
 * @param mse null when {@code skipped}
 * @param psnr null when {@code skipped}
 * @param ssim null when {@code skipped}
 * @param referenceResampled whether the reference had to be resampled to the output grid
 * @param validFraction the fraction of pixels finite in both output and reference
 * @param skipped why there are no metrics (too few valid pixels), else null
 */
public record TileMetrics(String reference, Double mse, Double psnr, Double ssim,
        boolean referenceResampled, double validFraction, String skipped)
        implements Serializable {}
