package diffusionsat.job;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import diffusionsat.evaluation.ClipScoreMetric;
import diffusionsat.evaluation.EvaluationSettings;
import diffusionsat.evaluation.EvaluationTile;
import diffusionsat.evaluation.InceptionFeatures;
import diffusionsat.evaluation.InceptionMetric;
import diffusionsat.evaluation.RgbImage;
import diffusionsat.evaluation.TargetLookup;
import diffusionsat.evaluation.TileEvaluator;
import diffusionsat.io.checkpoint.StateDict;
import diffusionsat.io.checkpoint.WeightFiles;
import diffusionsat.io.raster.GdalRasters;
import diffusionsat.io.raster.Radiometry;
import diffusionsat.io.raster.Raster;
import diffusionsat.io.storage.Storage;
import diffusionsat.job.cli.Main;
import diffusionsat.metrics.FeatureMoments;
import diffusionsat.metrics.FrechetDistance;
import diffusionsat.metrics.InceptionScore;
import diffusionsat.model.FormulaWeights;
import diffusionsat.superres.ImageComparison;
import diffusionsat.testing.Fixtures;
import diffusionsat.testing.TestCatalog;
import diffusionsat.testing.TestRasters;
import diffusionsat.testing.TestSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * FID, IS and CLIP score through the {@code evaluate} job (DESIGN.md §7): the bicubic job on four
 * sample tiles reduced 4×, their full-resolution crops as targets, Inception-v3 with the formula
 * weights of the parity tests and the tiny CLIP model. The set metrics Spark merged from the
 * partitions equal the same formulas over the same images computed here on one thread.
 */
class EvaluationSetMetricsIT {
    private static final Path SAMPLES = Fixtures.projectRoot().resolve("conf/samples/sentinel2");
    private static final Path CLIP = Fixtures.projectRoot()
            .resolve("src-test/src/test/resources/metricnets/clip/tiny");
    private static final List<String> IDS = List.of("s2_l1c_13band_svn_20150711",
            "s2_l1c_13band_svn_20150731", "s2_l1c_13band_svn_20150820",
            "s2_l1c_13band_svn_20150830");
    private static final int SPLITS = 2;

    @TempDir
    Path dir;

    @Test
    void setMetricsEqualTheirFormulasOverTheSameImages() throws Exception {
        StateDict weights = FormulaWeights.fidInception();
        Path inceptionFile = dir.resolve("inception.safetensors");
        WeightFiles.writeSafetensors(weights, inceptionFile);
        String catalog = catalog();
        assertEquals(0, Main.run("superres", "--catalog", catalog, "--output", dir.toString(),
                "--run-id", "r", "--master", "local[2]", "--set", "s3a.committer=file",
                "--set", "superres.wald=false"));
        assertEquals(0, Main.run("evaluate", "--catalog", catalog, "--results",
                dir.resolve("superres/r").toString(), "--output", dir.toString(), "--run-id", "e",
                "--master", "local[2]", "--set", "s3a.committer=file",
                "--set", "evaluate.inceptionWeights=" + inceptionFile,
                "--set", "evaluate.inceptionScoreSplits=" + SPLITS,
                "--set", "evaluate.clipModel=" + CLIP));

        Path run = dir.resolve("evaluate/e");
        Map<String, Row> summary = TestSpark.session().read()
                .parquet(run.resolve("summary/parquet").toString()).collectAsList().stream()
                .collect(Collectors.toMap(r -> r.getAs("role"), r -> r));
        List<Row> models = TestSpark.session().read().parquet(run.resolve("metrics").toString())
                .filter("role = 'model'").orderBy("id").collectAsList();
        Expected expected = expected(weights);
        String markdown = Files.readString(run.resolve("summary/summary.md"));
        Row model = summary.get("model");
        assertAll(
                () -> assertEquals(2, summary.size(), "model and baseline, no target row"),
                () -> assertEquals(IDS.size(), models.size()),
                () -> assertEquals(expected.fid, (double) model.getAs("fid"),
                        1e-9 * Math.max(1, expected.fid), "FID"),
                () -> assertTrue(expected.fid > 0, "outputs differ from their targets"),
                () -> assertEquals(expected.is, (double) model.getAs("inception_score"), 1e-9,
                        "IS"),
                () -> assertTrue(summary.get("baseline").getAs("fid") != null),
                () -> assertEquals(expected.clip.get(0), (double) models.get(0).getAs("clip_score"),
                        1e-4, "CLIP score of the captioned tile"),
                () -> assertNull(models.get(1).getAs("clip_score"), "no caption, no CLIP score"),
                () -> assertTrue(((String) models.get(1).getAs("skipped")).contains("no caption")),
                () -> assertEquals(expected.clip.get(0), (double) model.getAs("clip_score"),
                        1e-4, "the only captioned tile's score is the set's mean"),
                () -> assertTrue(markdown.contains("FID") && !markdown.contains("| FID | n/a"),
                        markdown));
    }

    private record Expected(double fid, double is, List<Double> clip) {}

    /** The same images, read as the job reads them, through the formulas on one thread. */
    private Expected expected(StateDict weights) {
        EvaluationSettings settings = new EvaluationSettings(Radiometry.REFLECTANCE, false, 0.02,
                "", "", "", "", SPLITS, new ImageComparison(ImageComparison.DEFAULT_MIN_VALID_FRACTION));
        TileEvaluator reader = new TileEvaluator(settings, Storage.local());
        InceptionMetric inception = InceptionMetric.of(weights);
        ClipScoreMetric clip = ClipScoreMetric.of(CLIP);
        FeatureMoments outputs = new FeatureMoments(InceptionMetric.POOL_WIDTH);
        FeatureMoments targets = new FeatureMoments(InceptionMetric.POOL_WIDTH);
        List<float[]> logits = new ArrayList<>();
        List<Double> clipScores = new ArrayList<>();
        for (String id : IDS) {
            EvaluationTile tile = new EvaluationTile(id, "bicubic",
                    dir.resolve("superres/r/tiles/" + id + ".tif").toString(),
                    dir.resolve(id + "-low.tif").toString(),
                    dir.resolve(id + "-target.tif").toString(), null, null, null, caption(id));
            RgbImage output = reader.readOutput(tile);
            RgbImage target = ((TargetLookup.Found) reader.readTarget(tile)).image();
            InceptionFeatures features = inception.features(output.filledPlanes(),
                    output.width(), output.height());
            outputs.add(features.pool());
            logits.add(features.logits());
            targets.add(inception.features(target.filledPlanes(), target.width(),
                    target.height()).pool());
            if (caption(id) != null) {
                clipScores.add(clip.score(output.filledPlanes(), output.width(), output.height(),
                        caption(id)));
            }
        }
        return new Expected(FrechetDistance.between(outputs.toStatistics(),
                targets.toStatistics()), InceptionScore.fromLogitRows(logits, SPLITS).mean(),
                clipScores);
    }

    /** Only the first tile has a caption. */
    private static String caption(String id) {
        return id.equals(IDS.get(0)) ? "a satellite image of fields" : null;
    }

    private String catalog() {
        List<Row> rows = new ArrayList<>();
        for (String id : IDS) {
            Raster sample = GdalRasters.read(id, SAMPLES.resolve(id + ".tif").toString(),
                    Storage.local());
            Raster target = TestRasters.crop(sample, 100, 100);
            Path low = TestRasters.write(TestRasters.resize(target, 25, 25),
                    dir.resolve(id + "-low.tif"));
            Path high = TestRasters.write(target, dir.resolve(id + "-target.tif"));
            rows.add(TestCatalog.tile(id, low, high.toString(), caption(id), null,
                    Instant.parse("2015-07-11T10:00:08Z"), 14.56, 45.87, 40.0, null));
        }
        return TestCatalog.write(rows, dir.resolve("catalog"));
    }
}
