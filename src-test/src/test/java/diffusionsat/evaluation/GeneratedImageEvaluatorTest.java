package diffusionsat.evaluation;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import diffusionsat.io.TileException;
import diffusionsat.io.raster.Radiometry;
import diffusionsat.io.storage.Storage;
import diffusionsat.superres.ImageComparison;
import diffusionsat.testing.Fixtures;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A generated PNG read as the job wrote it, its caption from the sidecar, and bad sidecars. */
class GeneratedImageEvaluatorTest {
    private static final Path CLIP = Fixtures.projectRoot()
            .resolve("src-test/src/test/resources/metricnets/clip/tiny");

    @TempDir
    Path dir;

    @Test
    void pngIsScaledToUnitRangeAndScoredAgainstItsSidecarCaption() throws Exception {
        Path png = png("a");
        Files.writeString(dir.resolve("a.json"), "{\"id\": \"a\", \"caption\": \"green fields\"}");
        RoleMetrics metrics = evaluator(CLIP.toString()).evaluate(tile("a", png)).roles().get(0);
        RgbImage image = evaluator("").read("a", png.toString());
        double expected = ClipScoreMetric.of(CLIP).score(image.filledPlanes(), image.width(),
                image.height(), "green fields");
        assertAll(
                () -> assertEquals(200 / 255f, image.planes()[0][0], 1e-7),
                () -> assertEquals(10 / 255f, image.planes()[1][0], 1e-7),
                () -> assertEquals(expected, metrics.clipScore(), 1e-9),
                () -> assertNull(metrics.mse()),
                () -> assertTrue(metrics.skipped().contains("no input or target")));
    }

    @Test
    void missingSidecarSkipsTheClipScoreAndABrokenOneFailsTheTile() throws Exception {
        Path alone = png("alone");
        Path broken = png("broken");
        Files.writeString(dir.resolve("broken.json"), "{not json");
        RoleMetrics metrics = evaluator(CLIP.toString()).evaluate(tile("alone", alone)).roles()
                .get(0);
        TileException error = assertThrows(TileException.class,
                () -> evaluator(CLIP.toString()).evaluate(tile("broken", broken)));
        assertAll(
                () -> assertNull(metrics.clipScore()),
                () -> assertTrue(metrics.skipped().contains("no caption"), metrics.skipped()),
                () -> assertTrue(error.getMessage().contains("broken")
                        && error.getMessage().contains("broken.json"), error.getMessage()),
                () -> assertNull(evaluator("").evaluate(tile("broken", broken)).roles().get(0)
                        .clipScore(), "without a CLIP model the sidecar is not read"));
    }

    private GeneratedImageEvaluator evaluator(String clipModel) {
        return new GeneratedImageEvaluator(new EvaluationSettings(Radiometry.REFLECTANCE, false,
                0.02, "", "", clipModel, "", 10, new ImageComparison(ImageComparison.DEFAULT_MIN_VALID_FRACTION)),
                Storage.local());
    }

    private static EvaluationTile tile(String id, Path png) {
        return new EvaluationTile(id, "diffusionsat", png.toString(), null, null, null, null,
                null, null);
    }

    /** A 40x32 RGB PNG, pixel (0, 0) = (200, 10, 90). */
    private Path png(String id) throws Exception {
        BufferedImage image = new BufferedImage(40, 32, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 40; x++) {
                image.setRGB(x, y, x == 0 && y == 0 ? (200 << 16) | (10 << 8) | 90
                        : ((x * 6) << 16) | ((y * 7) << 8) | 128);
            }
        }
        Path file = dir.resolve(id + ".png");
        ImageIO.write(image, "png", file.toFile());
        return file;
    }
}
