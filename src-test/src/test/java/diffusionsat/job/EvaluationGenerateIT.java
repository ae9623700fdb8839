package diffusionsat.job;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import diffusionsat.evaluation.ClipScoreMetric;
import diffusionsat.evaluation.EvaluationSettings;
import diffusionsat.evaluation.GeneratedImageEvaluator;
import diffusionsat.evaluation.InceptionMetric;
import diffusionsat.evaluation.RgbImage;
import diffusionsat.io.raster.Radiometry;
import diffusionsat.io.storage.Storage;
import diffusionsat.job.cli.Main;
import diffusionsat.metrics.InceptionScore;
import diffusionsat.model.FormulaWeights;
import diffusionsat.superres.ImageComparison;
import diffusionsat.testing.Fixtures;
import diffusionsat.testing.TestSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code evaluate} on a {@code generate} run (the paper's Table 1 metrics): generated images have
 * no input or target, so each gets its CLIP score against the caption its sidecar records, the
 * set its IS, and its FID against the catalogue's real images (the bundled Sentinel-2 samples).
 */
class EvaluationGenerateIT {
    private static final Path REQUESTS = Fixtures.projectRoot()
            .resolve("conf/samples/generate/requests.csv");
    private static final Path SAMPLES = Fixtures.projectRoot().resolve("conf/samples/sentinel2");
    private static final Path CLIP = Fixtures.projectRoot()
            .resolve("src-test/src/test/resources/metricnets/clip/tiny");
    private static final int SPLITS = 2;

    @TempDir
    Path dir;

    @Test
    void generatedImagesGetClipScoresInceptionScoreAndFidAgainstTheCatalogue() throws Exception {
        String checkpoint = dir.resolve("tiny").toString();
        String catalog = dir.resolve("catalog").toString();
        Path inception = FormulaWeights.writeFidInception(dir.resolve("inception.safetensors"));
        assertEquals(0, Main.run("make-checkpoint", "--output", checkpoint, "--seed", "5"));
        assertEquals(0, Main.run("catalog", "--input", SAMPLES.toString(), "--output", catalog));
        assertEquals(0, Main.run("generate", "--requests", REQUESTS.toString(), "--output",
                dir.toString(), "--run-id", "g", "--master", "local[2]",
                "--set", "model.checkpoint=" + checkpoint, "--set", "sampler.steps=2",
                "--set", "sampler.height=64", "--set", "sampler.width=64",
                "--set", "s3a.committer=file"));
        assertEquals(0, Main.run("evaluate", "--catalog", catalog, "--results",
                dir.resolve("generate/g").toString(), "--output", dir.toString(), "--run-id",
                "e", "--master", "local[2]", "--set", "s3a.committer=file",
                "--set", "evaluate.inceptionWeights=" + inception,
                "--set", "evaluate.inceptionScoreSplits=" + SPLITS,
                "--set", "evaluate.clipModel=" + CLIP));

        Path run = dir.resolve("evaluate/e");
        List<Row> metrics = TestSpark.session().read().parquet(run.resolve("metrics").toString())
                .orderBy("id").collectAsList();
        List<Row> summary = TestSpark.session().read()
                .parquet(run.resolve("summary/parquet").toString()).collectAsList();
        Map<String, String> captions = captions();
        GeneratedImageEvaluator reader = new GeneratedImageEvaluator(new EvaluationSettings(
                Radiometry.REFLECTANCE, false, 0.02, "", "", "", "", SPLITS,
                new ImageComparison(ImageComparison.DEFAULT_MIN_VALID_FRACTION)), Storage.local());
        ClipScoreMetric clip = ClipScoreMetric.of(CLIP);
        InceptionMetric network = InceptionMetric.of(FormulaWeights.fidInception());
        List<float[]> logits = new ArrayList<>();
        for (Row row : metrics) {
            String id = row.getAs("id");
            RgbImage image = reader.read(id, dir.resolve("generate/g/images/" + id + ".png")
                    .toString());
            assertEquals(clip.score(image.filledPlanes(), image.width(), image.height(),
                    captions.get(id)), (double) row.getAs("clip_score"), 1e-4, id);
            logits.add(network.features(image.filledPlanes(), image.width(), image.height())
                    .logits());
        }
        double expectedIs = InceptionScore.fromLogitRows(logits, SPLITS).mean();
        Row model = summary.get(0);
        String html = Files.readString(run.resolve("report/index.html"));
        assertAll(
                () -> assertEquals(captions.size(), metrics.size(), "one row per image"),
                () -> assertTrue(metrics.stream().allMatch(r -> "ok".equals(r.getAs("status"))
                        && ((String) r.getAs("skipped")).contains("no input or target"))),
                () -> assertEquals(1, summary.size(), "no baseline for generated images"),
                () -> assertEquals(expectedIs, (double) model.getAs("inception_score"), 1e-9),
                () -> assertTrue((double) model.getAs("fid") > 0, "FID against the samples"),
                () -> assertTrue(html.contains("samples/svn-20150711.png")),
                () -> assertTrue(Files.exists(run.resolve("report/samples/svn-20150711.png"))),
                () -> assertTrue(html.contains("Table 1"), "the paper's generation numbers"));
    }

    private static Map<String, String> captions() throws Exception {
        return Files.readAllLines(REQUESTS).stream().skip(1)
                .collect(Collectors.toMap(line -> line.substring(0, line.indexOf(',')),
                        line -> line.substring(line.indexOf('"') + 1, line.lastIndexOf('"'))));
    }
}
