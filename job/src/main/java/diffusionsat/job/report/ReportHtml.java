package diffusionsat.job.report;

import diffusionsat.job.evaluate.EvaluationOutcome;
import diffusionsat.job.evaluate.Metric;
import diffusionsat.job.evaluate.PaperMetrics;
import diffusionsat.job.evaluate.SummaryRow;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code report/index.html}: the protocol, the summary per task and model with the bicubic
 * baseline and the paper's numbers side by side, what was left out and why, the plots and the
 * sample grids. A single static page with relative image links, so it opens from any store.
 */
final class ReportHtml {
    /** DESIGN.md §7, the protocol every report states. */
    private static final List<String[]> PROTOCOL = List.of(
            new String[] {"MSE", "mean over pixels and channels"},
            new String[] {"PSNR", "10·log10(1/MSE), data range 1; perfect tiles (infinite PSNR)"
                    + " are left out of averages"},
            new String[] {"SSIM", "Gaussian window σ=1.5 (11×11), K1=0.01, K2=0.03, data range"
                    + " 1, population covariance, mean over channels (scikit-image"
                    + " structural_similarity with gaussian_weights=True)"},
            new String[] {"LPIPS", "AlexNet features + learned linear layers (LPIPS v0.1),"
                    + " inputs scaled to [−1, 1]"},
            new String[] {"FID", "Inception-v3 (FID weights) pool features of images resized"
                    + " bilinearly to 299×299; mean and covariance merged from per-partition"
                    + " float64 sums, then the Fréchet distance between each role's images and"
                    + " the evaluated tiles' targets"},
            new String[] {"IS", "the same network's logits, the images in tile-id order cut"
                    + " into evaluate.inceptionScoreSplits (10) parts"},
            new String[] {"CLIP score", "100 · max(cos(image, text), 0) with the configured CLIP"
                    + " model and the catalogue's caption (or evaluate.clipCaption); the mean"
                    + " over tiles"},
            new String[] {"Uncertainty", "mean per-pixel standard deviation over"
                    + " superres.uncertaintySamples seeds (the job's uncertainty maps)"},
            new String[] {"Consistency", "PSNR between the output downsampled to the input"
                    + " grid (pixel averages) and the input: faithfulness to what was observed"});
    private static final String STYLE = "body{font-family:sans-serif;margin:2em;max-width:80em}"
            + "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #bbb;"
            + "padding:.3em .6em}td.n{text-align:right}tr.paper{color:#555;font-style:italic}"
            + ".up{color:#070}.down{color:#a00}figure{display:inline-block;margin:.5em}"
            + "img{max-width:100%}";

    private ReportHtml() {}

    static String render(EvaluationOutcome o, List<ReportCharts.Chart> charts,
            List<ReportWriter.Sample> samples) {
        StringBuilder h = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head>"
                + "<meta charset=\"utf-8\"><title>");
        h.append(esc("DiffusionSat evaluation: " + o.task())).append("</title><style>")
                .append(STYLE).append("</style></head><body>\n");
        h.append("<h1>").append(esc("Evaluation of " + o.task())).append("</h1>\n");
        h.append("<p>Results <code>").append(esc(o.resultsRun()))
                .append("</code>, catalogue <code>").append(esc(o.catalog()))
                .append("</code>; written ").append(o.finishedAt())
                .append(" to <code>").append(esc(o.evaluateRun())).append("</code>.</p>\n");
        h.append(String.format(Locale.ROOT, "<p id=\"counts\">%d tiles in the results, %d failed"
                + " and %d skipped in the job; %d evaluated, %d failed in the evaluation.</p>%n",
                o.resultsTotal(), o.jobFailed(), o.jobSkipped(), o.evaluated(),
                o.evaluationFailed()));
        summary(h, o);
        notes(h, o);
        plots(h, charts);
        samples(h, samples);
        protocol(h);
        return h.append("</body></html>\n").toString();
    }

    private static void summary(StringBuilder h, EvaluationOutcome o) {
        h.append("<h2>Summary</h2>\n");
        if (o.summary().isEmpty()) {
            h.append("<p id=\"empty\">No tiles to evaluate: the results hold no finished tile."
                    + "</p>\n");
            return;
        }
        List<Metric> shown = Arrays.stream(Metric.values())
                .filter(m -> o.unavailable().containsKey(m)
                        || o.summary().stream().anyMatch(r -> r.value(m) != null)
                        || o.paper().stream().anyMatch(p -> p.metric() == m))
                .toList();
        h.append("<table id=\"summary\"><tr><th>task</th><th>model</th><th>role</th>"
                + "<th>tiles</th><th>failed</th><th>scored</th>");
        shown.forEach(m -> h.append("<th>").append(esc(m.label())).append("</th>"));
        h.append("</tr>\n");
        for (SummaryRow row : o.summary()) {
            h.append("<tr><td>").append(esc(row.task())).append("</td><td>")
                    .append(esc(row.model())).append("</td><td>").append(esc(row.role()))
                    .append("</td>").append(String.format(Locale.ROOT,
                            "<td class=\"n\">%d</td><td class=\"n\">%d</td><td class=\"n\">%d</td>",
                            row.tiles(), row.failed(), row.scored()));
            for (Metric m : shown) {
                h.append("<td class=\"n\">").append(esc(m.format(row.value(m))))
                        .append(change(m, row.change().get(m))).append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n<p>").append(o.previousRun() == null
                ? "No earlier evaluation run to compare with."
                : "Changes against <code>" + esc(o.previousRun()) + "</code> in brackets"
                        + " (green: better, red: worse).").append("</p>\n");
        paper(h, o);
    }

    /**
     * The paper's numbers for the task, in a table of their own with the metrics it publishes:
     * one line per published model with the table it comes from, the full sources below.
     */
    private static void paper(StringBuilder h, EvaluationOutcome o) {
        h.append("<h3>The paper's numbers</h3>\n");
        if (o.paper().isEmpty()) {
            h.append("<p>The paper publishes no numbers for this task"
                    + " (conf/paper-metrics.csv).</p>\n");
            return;
        }
        List<Metric> published = Arrays.stream(Metric.values())
                .filter(m -> o.paper().stream().anyMatch(p -> p.metric() == m)).toList();
        h.append("<table id=\"paper\"><tr><th>model</th><th>table</th>");
        published.forEach(m -> h.append("<th>").append(esc(m.label())).append("</th>"));
        h.append("</tr>\n");
        Map<String, List<PaperMetrics.Value>> byModel = o.paper().stream().collect(
                Collectors.groupingBy(PaperMetrics.Value::model, LinkedHashMap::new,
                        Collectors.toList()));
        for (List<PaperMetrics.Value> values : byModel.values()) {
            PaperMetrics.Value first = values.get(0);
            h.append("<tr class=\"paper\"><td>").append(esc(first.model())).append("</td><td>")
                    .append(esc(tableOf(first.source()))).append("</td>");
            for (Metric m : published) {
                h.append("<td class=\"n\">").append(values.stream()
                        .filter(v -> v.metric() == m).findFirst()
                        .map(v -> esc(m.format(v.value()))).orElse("")).append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n");
        o.paper().stream().map(PaperMetrics.Value::source).distinct().forEach(source ->
                h.append("<p class=\"source\">").append(esc(source)).append("</p>\n"));
    }

    /** A paper source's first part, the table it names ("Table 2: fMoW superresolution"). */
    private static String tableOf(String source) {
        int end = source.indexOf(';');
        return end < 0 ? source : source.substring(0, end);
    }

    private static String change(Metric metric, Double change) {
        if (change == null) {
            return "";
        }
        boolean better = metric.higherIsBetter() ? change > 0 : change < 0;
        String css = change == 0 ? "" : better ? " class=\"up\"" : " class=\"down\"";
        return " <span" + css + ">(" + esc(metric.formatChange(change)) + ")</span>";
    }

    private static void notes(StringBuilder h, EvaluationOutcome o) {
        if (!o.unavailable().isEmpty()) {
            h.append("<h2>Unavailable metrics</h2>\n<ul id=\"unavailable\">\n");
            o.unavailable().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e ->
                    h.append("<li>").append(esc(e.getKey().label())).append(": ")
                            .append(esc(e.getValue())).append("</li>\n"));
            h.append("</ul>\n");
        }
        if (!o.skipped().isEmpty()) {
            h.append("<h2>Skipped metrics</h2>\n<table id=\"skipped\"><tr><th>reason</th>"
                    + "<th>tile rows</th></tr>\n");
            o.skipped().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e ->
                    h.append("<tr><td>").append(esc(e.getKey())).append("</td><td class=\"n\">")
                            .append(e.getValue()).append("</td></tr>\n"));
            h.append("</table>\n");
        }
        if (!o.failures().isEmpty()) {
            h.append("<h2>Failed tiles</h2>\n<table id=\"failures\"><tr><th>tile</th>"
                    + "<th>cause</th></tr>\n");
            o.failures().forEach(f -> h.append("<tr><td>").append(esc(f.id())).append("</td><td>")
                    .append(esc(f.cause())).append("</td></tr>\n"));
            h.append("</table>\n");
        }
    }

    private static void plots(StringBuilder h, List<ReportCharts.Chart> charts) {
        if (charts.isEmpty()) {
            return;
        }
        h.append("<h2>Plots</h2>\n");
        for (ReportCharts.Chart chart : charts) {
            h.append("<figure><img src=\"plots/").append(esc(chart.name()))
                    .append(".png\" alt=\"").append(esc(chart.title()))
                    .append("\" width=\"640\" height=\"400\"></figure>\n");
        }
    }

    private static void samples(StringBuilder h, List<ReportWriter.Sample> samples) {
        if (samples.isEmpty()) {
            return;
        }
        h.append("<h2>Samples</h2>\n<p>Each row: input (enlarged) | output | target.</p>\n");
        for (ReportWriter.Sample s : samples) {
            StringBuilder caption = new StringBuilder(s.id());
            s.metrics().forEach((m, v) -> caption.append(" · ").append(m.label()).append(' ')
                    .append(m.format(v)));
            if (s.missingTarget() != null) {
                caption.append(" · no target: ").append(s.missingTarget());
            }
            h.append("<figure class=\"sample\"><img src=\"").append(esc(s.file()))
                    .append("\" alt=\"").append(esc(s.id())).append("\"><figcaption>")
                    .append(esc(caption.toString())).append("</figcaption></figure>\n");
        }
    }

    private static void protocol(StringBuilder h) {
        h.append("<h2>Protocol</h2>\n<p>Images in [0, 1] RGB at the output resolution unless"
                + " said otherwise (README, \"Metrics\"). A target of another size is resampled onto the"
                + " output grid (pixel averages when larger, cubic convolution when smaller);"
                + " missing output pixels take the reference's value. The baseline is bicubic"
                + " upsampling of the same input.</p>\n<table id=\"protocol\">\n");
        for (String[] row : PROTOCOL) {
            h.append("<tr><th>").append(esc(row[0])).append("</th><td>").append(esc(row[1]))
                    .append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    static String esc(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
