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
 * @param clipScore 100 · max(cos, 0) of the image and its caption (needs a CLIP model)
 * @param referenceResampled whether the target was resampled to the output grid
 * @param validFraction the fraction of pixels valid in output and target (mse, psnr, ssim are
 *     over those), null without a target
 * @param skipped why metrics were left out (e.g. no target), null when none were
 * @param features the image's Inception features for FID and IS (needs the Inception weights)
 */
public record RoleMetrics(String role, String model, Double mse, Double psnr, Double ssim,
        Double lpips, Double consistency, Double clipScore, Boolean referenceResampled,
        Double validFraction, String skipped, InceptionFeatures features)
        implements Serializable {
    public static final String MODEL = "model";
    public static final String BASELINE = "baseline";
    /** The role of a tile's target in the feature rows FID compares against. */
    public static final String TARGET = "target";

    /** The image-comparison metrics, before the network metrics of the set are added. */
    public static RoleMetrics compared(String role, String model, Double mse, Double psnr,
            Double ssim, Double lpips, Double consistency, Boolean referenceResampled,
            Double validFraction, String skipped) {
        return new RoleMetrics(role, model, mse, psnr, ssim, lpips, consistency, null,
                referenceResampled, validFraction, skipped, null);
    }

    /** These metrics with the image's network metrics and one more skip reason (may be null). */
    public RoleMetrics withNetworkMetrics(InceptionFeatures inception, Double clip,
            String skipReason) {
        String reasons = skipReason == null ? skipped
                : skipped == null ? skipReason : skipped + "; " + skipReason;
        return new RoleMetrics(role, model, mse, psnr, ssim, lpips, consistency, clip,
                referenceResampled, validFraction, reasons, inception);
    }
}
