package diffusionsat.job.report;

import diffusionsat.evaluation.EvaluationSettings;
import diffusionsat.evaluation.EvaluationTile;
import diffusionsat.evaluation.GeneratedImageEvaluator;
import diffusionsat.evaluation.RoleMetrics;
import diffusionsat.evaluation.TileEvaluator;
import diffusionsat.job.evaluate.EvaluationJob;
import diffusionsat.io.storage.Storage;
import diffusionsat.job.evaluate.EvaluationOutcome;
import diffusionsat.job.evaluate.Metric;
import diffusionsat.spark.EvaluationRows;
import java.util.ArrayList;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * Writes {@code report/}: {@code index.html}, its plots ({@code plots/*.png}) and sample grids
 * ({@code samples/*.png}), and the same files under {@code evaluate.publishTo} when set. A rerun
 * replaces the whole folder.
 */
public final class ReportWriter {
    /** Per-tile rows plotted at most; beyond that the plots show the first rows by id. */
    private static final int PLOTTED_ROWS = 200_000;

    private final Storage storage;
    private final String folder;
    private final ReportSettings settings;
    private final EvaluationSettings evaluation;
    private final String catalogUri;

    public ReportWriter(Storage storage, String folder, ReportSettings settings,
            EvaluationSettings evaluation, String catalogUri) {
        this.storage = storage;
        this.folder = folder;
        this.settings = settings;
        this.evaluation = evaluation;
        this.catalogUri = catalogUri;
    }

    /** A sample grid written beside the report, with its model metrics. */
    record Sample(String id, String file, String missingTarget, Map<Metric, Double> metrics) {}

    /**
     * @param outcome the evaluation's findings
     * @param metrics the metrics table ({@link EvaluationRows#SCHEMA})
     * @param tiles the evaluated tiles ({@link EvaluationRows#TILES})
     */
    public void write(EvaluationOutcome outcome, Dataset<Row> metrics, Dataset<Row> tiles) {
        Map<String, byte[]> files = new LinkedHashMap<>();  // path in report/ -> content
        Dataset<Row> ok = metrics.filter(functions.col("status").equalTo(EvaluationRows.OK));
        List<Column> plotted = new ArrayList<>(List.of(functions.col("role"),
                functions.col("datetime"), functions.col("cloud_cover")));
        Metric.perTile().forEach(m -> plotted.add(functions.col(m.column())));
        List<Row> rows = ok.orderBy("id", "role").limit(PLOTTED_ROWS)
                .select(plotted.toArray(Column[]::new)).collectAsList();
        List<ReportCharts.Chart> charts = ReportCharts.render(rows);
        charts.forEach(chart -> files.put("plots/" + chart.name() + ".png", chart.png()));
        List<Sample> samples = samples(ok, tiles, files,
                EvaluationJob.isGenerated(outcome.task()));
        files.put("index.html", ReportHtml.render(outcome, charts, samples)
                .getBytes(StandardCharsets.UTF_8));
        publish(folder, files);
        if (!settings.publishTo().isEmpty()) {
            // A stable address for readers (the nightly "latest") and a dated copy beside it.
            String run = outcome.evaluateRun();
            String runId = run.substring(run.lastIndexOf('/') + 1);
            publish(settings.publishTo() + "/" + runId, files);
            publish(settings.publishTo() + "/latest", files);
        }
    }

    /** Replaces the report folder at {@code root} with {@code files}, index.html last. */
    private void publish(String root, Map<String, byte[]> files) {
        storage.delete(root);
        files.forEach((path, content) -> ReportFiles.write(storage, root + "/" + path, content));
    }

    /** @param generated the outputs are generated images: the sample is the image alone */
    private List<Sample> samples(Dataset<Row> ok, Dataset<Row> tiles, Map<String, byte[]> files,
            boolean generated) {
        if (settings.samples() == 0) {
            return List.of();
        }
        Dataset<Row> scored = ok.filter(functions.col("role").equalTo(RoleMetrics.MODEL))
                .select(functions.col("id").alias("scored_id"), functions.col("psnr"),
                        functions.col("ssim"), functions.col("consistency"),
                        functions.col("clip_score"));
        List<Row> picked = tiles.join(scored, tiles.col("id").equalTo(scored.col("scored_id")))
                .orderBy("id").limit(settings.samples()).collectAsList();
        TileEvaluator reader = new TileEvaluator(evaluation, storage);
        GeneratedImageEvaluator generatedReader = new GeneratedImageEvaluator(evaluation, storage);
        List<Sample> out = new ArrayList<>();
        for (Row row : picked) {
            String input = row.getAs("input_href");
            String target = row.getAs("target_href");
            EvaluationTile tile = EvaluationRows.tile(row,
                    input == null ? null : storage.resolve(catalogUri, input),
                    target == null ? null : storage.resolve(catalogUri, target));
            SampleGrid.Rendered grid = generated
                    ? SampleGrid.renderGenerated(generatedReader.read(tile.id(), tile.outputUri()),
                            settings.panelSize())
                    : SampleGrid.render(reader, tile, settings.panelSize());
            String file = "samples/" + tile.id() + ".png";
            files.put(file, grid.png());
            Map<Metric, Double> values = new EnumMap<>(Metric.class);
            for (Metric metric : List.of(Metric.PSNR, Metric.SSIM, Metric.CONSISTENCY,
                    Metric.CLIP)) {
                Double value = row.getAs(metric.column());
                if (value != null) {
                    values.put(metric, value);
                }
            }
            out.add(new Sample(tile.id(), file, grid.missingTarget(), values));
        }
        return out;
    }
}
