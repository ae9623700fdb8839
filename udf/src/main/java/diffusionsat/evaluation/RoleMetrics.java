package diffusionsat.evaluation;

import java.io.Serializable;

/**
 * The per-tile metrics of one image set (DESIGN.md §7): the job's output ({@code model}) or the
 * bicubic baseline computed from the same input ({@code baseline}). Null fields were not computed;
 * {@code skipped} says why.
 *
 * @param role {@link #MODEL} or {@link #BASELINE}
 * @param model the model name
 * @param mse against the target
 * @param psnr against the target, dB; +infinity for a perfect tile
 * @param ssim against the target
 * @param lpips against the target (needs the LPIPS weights)
 * @param consistency PSNR of the output downsampled to the input grid against the input, dB
 * @param referenceResampled whether the target was resampled to the output grid
 * @param skipped why metrics were left out (e.g. no target), null when none were
 */
public record RoleMetrics(String role, String model, Double mse, Double psnr, Double ssim,
        Double lpips, Double consistency, Boolean referenceResampled, String skipped)
        implements Serializable {
    public static final String MODEL = "model";
    public static final String BASELINE = "baseline";
}
