package diffusionsat.evaluation;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import diffusionsat.io.checkpoint.CheckpointMismatchException;
import diffusionsat.io.checkpoint.HostTensor;
import diffusionsat.io.checkpoint.StateDict;
import diffusionsat.io.checkpoint.WeightFiles;
import diffusionsat.io.storage.Storage;
import diffusionsat.testing.Fixtures;
import diffusionsat.testing.Npy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLIP score end to end (planes in [0, 1] and captions in, score out) on the tiny CLIPModel
 * folder of metricnets/clip, against make_clip.py's float64 reference.
 */
class ClipScoreMetricTest {
    /** Scores are 100·cos: the towers' ~1e-5 float32 tolerance, scaled by 100. */
    private static final double TOLERANCE = 1e-3;

    private static Path fixtures() {
        return Fixtures.projectRoot().resolve("src-test/src/test/resources/metricnets/clip");
    }

    @Test
    void scoresOfSquareWideAndTallImagesMatchTorch() throws Exception {
        String uri = fixtures().resolve("tiny").toString();
        ClipScoreMetric metric = ClipScoreMetric.forModel(uri, Storage.local());
        double[] expected = Npy.read(fixtures().resolve("scores.npy")).doubles();
        List<String> captions = captions();
        List<float[][]> images = new ArrayList<>();
        double[] single = new double[3];
        double error = 0;
        for (int i = 0; i < 3; i++) {
            Npy image = Npy.read(fixtures().resolve("image" + i + ".npy"));  // (3, H, W)
            int height = (int) image.shape()[1];
            int width = (int) image.shape()[2];
            images.add(planes(image.floats(), width * height));
            single[i] = metric.score(images.get(i), width, height, captions.get(i));
            error = Math.max(error, Math.abs(single[i] - expected[i]));
        }
        System.out.println("PARITY clip score max|diff| " + error + " on " + Arrays.toString(
                expected));
        double[] batch = metric.score(images.subList(0, 1), 32, 32, captions.subList(0, 1));
        assertAll(() -> assertArrayEquals(expected, single, TOLERANCE),
                () -> assertEquals(single[0], batch[0], 1e-9, "batch of one = single"),
                () -> assertSame(metric, ClipScoreMetric.forModel(uri, Storage.local()),
                        "loaded once per JVM and location"),
                () -> assertTrue(Arrays.stream(single).allMatch(s -> s >= 0 && s <= 100)));
    }

    @Test
    void batchOfEqualSizedImagesScoresEachPair() throws Exception {
        ClipScoreMetric metric = ClipScoreMetric.of(fixtures().resolve("tiny"));
        Npy image = Npy.read(fixtures().resolve("image0.npy"));
        float[][] planes = planes(image.floats(), 32 * 32);
        List<String> captions = captions();
        double[] batch = metric.score(List.of(planes, planes, planes), 32, 32, captions);
        for (int i = 0; i < 3; i++) {
            assertEquals(metric.score(planes, 32, 32, captions.get(i)), batch[i], 1e-4,
                    "caption " + i);
        }
    }

    @Test
    void missingTensorIsACheckpointMismatch(@TempDir Path dir) throws Exception {
        try (Stream<Path> files = Files.list(fixtures().resolve("tiny"))) {
            for (Path file : files.toList()) {
                if (!file.getFileName().toString().endsWith(".bin")) {
                    Files.copy(file, dir.resolve(file.getFileName()));
                }
            }
        }
        StateDict full = WeightFiles.read(fixtures().resolve("tiny/pytorch_model.bin"));
        List<HostTensor> kept = full.names().stream()
                .filter(name -> !name.equals("visual_projection.weight"))
                .filter(name -> !name.endsWith("position_ids")).map(full::get).toList();
        WeightFiles.writeSafetensors(StateDict.of(kept), dir.resolve("model.safetensors"));
        CheckpointMismatchException error = assertThrows(CheckpointMismatchException.class,
                () -> ClipScoreMetric.of(dir));
        assertTrue(error.getMessage().contains("visual_projection.weight"), error.getMessage());
    }

    private static List<String> captions() throws Exception {
        List<String> captions = new ArrayList<>();
        new ObjectMapper().readTree(fixtures().resolve("cases.json").toFile()).path("captions")
                .forEach(caption -> captions.add(caption.asText()));
        return captions;
    }

    private static float[][] planes(float[] chw, int plane) {
        float[][] out = new float[3][];
        for (int c = 0; c < 3; c++) {
            out[c] = Arrays.copyOfRange(chw, c * plane, (c + 1) * plane);
        }
        return out;
    }
}
