package diffusionsat.evaluation;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import diffusionsat.io.ConfigException;
import diffusionsat.io.checkpoint.HostTensor;
import diffusionsat.io.checkpoint.StateDict;
import diffusionsat.io.checkpoint.TensorDType;
import diffusionsat.io.storage.Storage;
import diffusionsat.model.FormulaWeights;
import diffusionsat.model.inception.FidInceptionV3;
import diffusionsat.testing.Fixtures;
import diffusionsat.testing.Npy;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inception features of image planes in [0, 1], resize included, against torchvision's Inception3
 * with pytorch-fid's FID blocks and preprocessing (resources/metricnets/make_inception.py), both
 * on the same formula weights.
 */
class InceptionMetricTest {
    /**
     * Float32 against float64 with the resize: measured max abs errors 7.3e-8 (pool, values
     * ~0.05) and 1.4e-7 (logits, ~0.1). Resizing with align_corners=True instead moves the pool
     * features by 6.8e-5.
     */
    private static final double TOLERANCE = 5e-7;
    /**
     * The part of the pool features that depends on the image is small with these weights (two
     * images differ by at most 1.5e-4), so their difference is also checked on its own, relative
     * to its largest value: measured 5.0e-4; align_corners=True would give 0.46.
     */
    private static final double DIFFERENCE_TOLERANCE = 2e-3;
    private static final int WIDTH = 80;
    private static final int HEIGHT = 64;

    private static InceptionMetric metric;
    private static double[][] expectedPool;
    private static double[][] expectedLogits;

    private static Path fixtures() {
        return Fixtures.projectRoot().resolve("src-test/src/test/resources/metricnets/inception");
    }

    @BeforeAll
    static void loadOnFormulaWeightsWithBatchCounters() throws IOException {
        StateDict formula = FormulaWeights.stateDict(
                new FidInceptionV3(FidInceptionV3.FID_CLASSES).parameterShapes());
        // a state dict saved from a torch module also holds BatchNorm's step counters
        List<HostTensor> tensors = new ArrayList<>();
        formula.forEach(tensors::add);
        tensors.add(new HostTensor("Conv2d_1a_3x3.bn.num_batches_tracked", TensorDType.I64,
                new long[0], new byte[8]));
        metric = InceptionMetric.of(StateDict.of(tensors));
        expectedPool = rows(Npy.read(fixtures().resolve("expected_pool.npy")));
        expectedLogits = rows(Npy.read(fixtures().resolve("expected_logits.npy")));
    }

    @Test
    void batchOfNon299ImagesIsResizedAsPytorchFid() throws IOException {
        Npy images = Npy.read(fixtures().resolve("images.npy"));         // (2, 3, 64, 80)
        float[] all = images.floats();
        List<float[][]> batch = List.of(planes(all, 0, WIDTH * HEIGHT),
                planes(all, 1, WIDTH * HEIGHT));
        List<InceptionFeatures> features = metric.features(batch, WIDTH, HEIGHT);
        assertAll(() -> assertEquals(2, features.size()),
                () -> assertClose(expectedPool[0], features.get(0).pool(), "pool 0"),
                () -> assertClose(expectedPool[1], features.get(1).pool(), "pool 1"),
                () -> assertClose(expectedLogits[0], features.get(0).logits(), "logits 0"),
                () -> assertClose(expectedLogits[1], features.get(1).logits(), "logits 1"),
                () -> assertDifferenceClose(expectedPool[0], expectedPool[1],
                        features.get(0).pool(), features.get(1).pool()));
    }

    @Test
    void singleImageAlreadyAt299() throws IOException {
        float[] square = Npy.read(fixtures().resolve("square.npy")).floats(); // (1, 3, 299, 299)
        InceptionFeatures features = metric.features(planes(square, 0, 299 * 299), 299, 299);
        assertAll(
                () -> assertEquals(InceptionMetric.POOL_WIDTH, features.pool().length),
                () -> assertEquals(FidInceptionV3.FID_CLASSES, features.logits().length),
                () -> assertClose(expectedPool[2], features.pool(), "pool"),
                () -> assertClose(expectedLogits[2], features.logits(), "logits"));
    }

    @Test
    void planesOfTheWrongSizeAreRefused() {
        float[][] planes = {new float[10], new float[10], new float[9]};
        assertThrows(IllegalArgumentException.class, () -> metric.features(planes, 5, 2));
    }

    @Test
    void folderWithoutWeightsNamesItsKey(@TempDir Path empty) {
        ConfigException e = assertThrows(ConfigException.class,
                () -> InceptionMetric.forWeights(empty.toString(), Storage.local()));
        assertTrue(e.getMessage().contains("evaluate.inceptionWeights"), e.getMessage());
    }

    private static void assertClose(double[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what + " length");
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            worst = Math.max(worst, Math.abs(expected[i] - actual[i]));
        }
        System.err.printf("%s: max abs error %.3g%n", what, worst);
        assertEquals(0, worst, TOLERANCE, what + ": max abs error");
    }

    private static void assertDifferenceClose(double[] expected0, double[] expected1,
            float[] actual0, float[] actual1) {
        double scale = 0;
        double worst = 0;
        for (int i = 0; i < expected0.length; i++) {
            double expected = expected0[i] - expected1[i];
            scale = Math.max(scale, Math.abs(expected));
            worst = Math.max(worst, Math.abs(expected - ((double) actual0[i] - actual1[i])));
        }
        System.err.printf("pool difference: max error %.3g of max %.3g%n", worst, scale);
        assertEquals(0, worst / scale, DIFFERENCE_TOLERANCE, "relative error of the difference");
    }

    private static double[][] rows(Npy matrix) {
        int n = Math.toIntExact(matrix.shape()[0]);
        int width = Math.toIntExact(matrix.shape()[1]);
        double[] all = matrix.doubles();
        double[][] out = new double[n][];
        for (int r = 0; r < n; r++) {
            out[r] = Arrays.copyOfRange(all, r * width, (r + 1) * width);
        }
        return out;
    }

    private static float[][] planes(float[] all, int image, int plane) {
        float[][] out = new float[3][];
        for (int c = 0; c < 3; c++) {
            int offset = (3 * image + c) * plane;
            out[c] = Arrays.copyOfRange(all, offset, offset + plane);
        }
        return out;
    }
}
