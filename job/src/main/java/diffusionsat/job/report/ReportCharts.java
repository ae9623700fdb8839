package diffusionsat.job.report;

import diffusionsat.evaluation.RoleMetrics;
import diffusionsat.job.evaluate.Metric;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.statistics.HistogramDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The report's plots, drawn by JFreeChart and rendered headless to PNG: a histogram per metric
 * (model and baseline overlaid), and the headline metrics against acquisition date and cloud
 * cover. Only finite values are plotted; a metric without any gets no plot.
 */
final class ReportCharts {
    private static final int WIDTH = 640;
    private static final int HEIGHT = 400;
    private static final int BINS = 20;
    private static final List<Metric> AGAINST_CONDITIONS =
            List.of(Metric.PSNR, Metric.SSIM, Metric.CONSISTENCY);

    /** One rendered plot: file name (without extension), title and PNG bytes. */
    record Chart(String name, String title, byte[] png) {}

    private ReportCharts() {}

    /**
     * @param rows metrics rows with status ok: role, datetime, cloud_cover and metric columns
     */
    static List<Chart> render(List<Row> rows) {
        List<Chart> out = new ArrayList<>();
        for (Metric metric : Metric.perTile()) {
            Map<String, List<Double>> byRole = valuesByRole(rows, metric);
            if (!byRole.isEmpty()) {
                out.add(histogram(metric, byRole));
            }
        }
        for (Metric metric : AGAINST_CONDITIONS) {
            if (valuesByRole(rows, metric).isEmpty()) {
                continue;
            }
            XYSeriesCollection byDate = scatter(rows, metric, "datetime");
            if (byDate.getSeriesCount() > 0) {
                out.add(dated(metric, byDate));
            }
            XYSeriesCollection byCloud = scatter(rows, metric, "cloud_cover");
            if (byCloud.getSeriesCount() > 0) {
                out.add(render(metric.column() + "-cloud", metric.label() + " against cloud cover",
                        ChartFactory.createScatterPlot(metric.label() + " against cloud cover",
                                "cloud cover (%)", metric.label(), byCloud)));
            }
        }
        return out;
    }

    private static Chart histogram(Metric metric, Map<String, List<Double>> byRole) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (List<Double> values : byRole.values()) {
            for (double v : values) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        if (max - min < 1e-9) {  // one value only: give the bins a width
            double pad = Math.max(Math.abs(min) * 0.01, 1e-3);
            min -= pad;
            max += pad;
        }
        HistogramDataset dataset = new HistogramDataset();
        for (Map.Entry<String, List<Double>> role : byRole.entrySet()) {
            dataset.addSeries(label(role.getKey()), role.getValue().stream()
                    .mapToDouble(Double::doubleValue).toArray(), BINS, min, max);
        }
        String title = metric.label() + " per tile";
        JFreeChart chart = ChartFactory.createHistogram(title, metric.label(), "tiles", dataset,
                PlotOrientation.VERTICAL, true, false, false);
        chart.getXYPlot().setForegroundAlpha(0.6f);  // model and baseline overlap
        return render(metric.column() + "-histogram", title, chart);
    }

    private static Chart dated(Metric metric, XYSeriesCollection dataset) {
        String title = metric.label() + " against acquisition date";
        JFreeChart chart = ChartFactory.createScatterPlot(title, "acquisition date",
                metric.label(), dataset);
        XYPlot plot = chart.getXYPlot();
        plot.setDomainAxis(new DateAxis("acquisition date"));
        return render(metric.column() + "-date", title, chart);
    }

    /** One series per role of (x, metric) points; x from a timestamp or number column. */
    private static XYSeriesCollection scatter(List<Row> rows, Metric metric, String xColumn) {
        Map<String, XYSeries> series = new TreeMap<>();
        for (Row row : rows) {
            Object x = row.getAs(xColumn);
            Double y = row.getAs(metric.column());
            if (x == null || y == null || !Double.isFinite(y)) {
                continue;
            }
            double xValue = x instanceof Timestamp t ? t.getTime() : ((Number) x).doubleValue();
            String role = row.getAs("role");
            series.computeIfAbsent(role, r -> new XYSeries(label(r), true, true)).add(xValue, y);
        }
        XYSeriesCollection dataset = new XYSeriesCollection();
        series.values().forEach(dataset::addSeries);
        return dataset;
    }

    private static Map<String, List<Double>> valuesByRole(List<Row> rows, Metric metric) {
        Map<String, List<Double>> out = new TreeMap<>();
        for (Row row : rows) {
            Double value = row.getAs(metric.column());
            if (value != null && Double.isFinite(value)) {
                out.computeIfAbsent(row.getAs("role"), r -> new ArrayList<>()).add(value);
            }
        }
        return out;
    }

    private static String label(String role) {
        return RoleMetrics.BASELINE.equals(role) ? "baseline (bicubic)" : "model";
    }

    private static Chart render(String name, String title, JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ChartUtils.writeChartAsPNG(png, chart, WIDTH, HEIGHT);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render the plot " + name, e);
        }
        return new Chart(name, title, png.toByteArray());
    }
}
