package diffusionsat.job.evaluate;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The metrics of DESIGN.md §7 as the evaluation tables name, format and compare them. Per-tile
 * metrics are averaged per task, model and role; set metrics are computed once per set.
 */
public enum Metric {
    MSE("mse", "MSE", "%.6f", false, false),
    PSNR("psnr", "PSNR (dB)", "%.3f", true, false),
    SSIM("ssim", "SSIM", "%.4f", true, false),
    LPIPS("lpips", "LPIPS", "%.4f", false, false),
    CONSISTENCY("consistency", "Consistency (dB)", "%.3f", true, false),
    UNCERTAINTY("uncertainty", "Uncertainty (σ)", "%.5f", false, false),
    FID("fid", "FID", "%.3f", false, true),
    IS("inception_score", "IS", "%.3f", true, true),
    // The mean of per-image scores, as torchmetrics' CLIPScore: averaged over tiles like the others.
    CLIP("clip_score", "CLIP score", "%.3f", true, false);

    private final String column;
    private final String label;
    private final String format;
    private final boolean higherIsBetter;
    private final boolean perSet;

    Metric(String column, String label, String format, boolean higherIsBetter, boolean perSet) {
        this.column = column;
        this.label = label;
        this.format = format;
        this.higherIsBetter = higherIsBetter;
        this.perSet = perSet;
    }

    /** The column name in metrics/ and summary/. */
    public String column() {
        return column;
    }

    /** The heading in Markdown and HTML tables. */
    public String label() {
        return label;
    }

    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    /** Whether the metric is computed per set (FID, IS, CLIP) rather than averaged over tiles. */
    public boolean perSet() {
        return perSet;
    }

    /** The value as tables print it; "n/a" for a missing value. */
    public String format(Double value) {
        return value == null ? "n/a" : String.format(Locale.ROOT, format, value);
    }

    /** A change with its sign ("+0.120"); empty for a missing change. */
    public String formatChange(Double change) {
        return change == null ? "" : (change >= 0 ? "+" : "") + format(change);
    }

    /** Metrics averaged over tiles. */
    public static List<Metric> perTile() {
        return Arrays.stream(values()).filter(m -> !m.perSet).toList();
    }

    /** The metric whose column is {@code column}. */
    public static Metric ofColumn(String column) {
        return Arrays.stream(values()).filter(m -> m.column.equals(column)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no metric " + column));
    }
}
