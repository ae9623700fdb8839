package diffusionsat.model.inception;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import diffusionsat.io.checkpoint.CheckpointMismatchException;
import diffusionsat.io.checkpoint.HostTensor;
import diffusionsat.io.checkpoint.StateDict;
import diffusionsat.model.FormulaWeights;
import diffusionsat.model.ModelDType;
import diffusionsat.testing.Fixtures;
import diffusionsat.testing.Npy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The FID Inception-v3 against torchvision's Inception3 with pytorch-fid's FID blocks, both on
 * the formula weights of resources/metricnets/make_inception.py.
 */
class FidInceptionV3Test {
    /**
     * Float32 against the float64 reference: max abs errors measured 7.0e-8 (pool features,
     * values ~0.05) and 1.4e-7 (logits, ~0.1). Counting the padding in one average pool moved
     * them by 1.2e-2; the pool features of two different images differ by 1.5e-4.
     */
    static final double TOLERANCE = 5e-7;
    private static final int SQUARE_ROW = 2;

    static Path fixtures() {
        return Fixtures.projectRoot().resolve("src-test/src/test/resources/metricnets/inception");
    }

    @Test
    void treeHasTorchvisionNamesAndShapes() throws IOException {
        Map<String, String> expected = new LinkedHashMap<>();
        for (String line : Files.readAllLines(fixtures().resolve("shapes.tsv"))) {
            String[] parts = line.split("\t");
            expected.put(parts[0], parts[1]);
        }
        Map<String, String> actual = new LinkedHashMap<>();
        new FidInceptionV3(FidInceptionV3.FID_CLASSES).parameterShapes().forEach((name, shape) ->
                actual.put(name, Arrays.stream(shape.getShape()).mapToObj(Long::toString)
                        .collect(Collectors.joining(","))));
        assertAll(
                () -> assertEquals(Set.of(), minus(expected.keySet(), actual.keySet()), "missing"),
                () -> assertEquals(Set.of(), minus(actual.keySet(), expected.keySet()),
                        "unexpected"),
                () -> assertEquals(expected, actual, "shapes"),
                () -> assertEquals(List.copyOf(expected.keySet()), List.copyOf(actual.keySet()),
                        "declaration order"));
    }

    @Test
    void classCountComesFromFcWeight() {
        StateDict imageNet = StateDict.of(List.of(
                HostTensor.ofFloats("fc.weight", new long[] {1000, 2048}, new float[1000 * 2048])));
        assertAll(() -> assertEquals(1000, FidInceptionV3.classesOf(imageNet)),
                () -> assertEquals(1008, FidInceptionV3.classesOf(StateDict.of(List.of()))));
    }

    @Test
    void missingTensorIsAMismatchNamingIt() {
        FidInceptionV3 network = new FidInceptionV3(FidInceptionV3.FID_CLASSES);
        Map<String, Shape> shapes = new LinkedHashMap<>(network.parameterShapes());
        shapes.remove("Mixed_7c.branch_pool.bn.running_var");
        StateDict incomplete = FormulaWeights.stateDict(shapes);
        try (NDManager manager = NDManager.newBaseManager()) {
            CheckpointMismatchException e = assertThrows(CheckpointMismatchException.class,
                    () -> network.load(incomplete, manager, ModelDType.F32));
            assertTrue(e.getMessage().contains("Mixed_7c.branch_pool.bn.running_var"),
                    e.getMessage());
        }
    }

    @Test
    void poolFeaturesAndLogitsMatchTorchOnA299Image() throws IOException {
        FidInceptionV3 network = new FidInceptionV3(FidInceptionV3.FID_CLASSES);
        Npy square = Npy.read(fixtures().resolve("square.npy"));          // (1, 3, 299, 299)
        double[] pool = row(Npy.read(fixtures().resolve("expected_pool.npy")), SQUARE_ROW);
        double[] logits = row(Npy.read(fixtures().resolve("expected_logits.npy")), SQUARE_ROW);
        try (NDManager manager = NDManager.newBaseManager()) {
            network.load(FormulaWeights.stateDict(network.parameterShapes()), manager,
                    ModelDType.F32);
            // already 299x299, so pytorch-fid's resize is the identity; scale [0, 1] -> [-1, 1]
            NDList out = network.forward(
                    manager.create(square.floats(), new Shape(square.shape())).mul(2).sub(1));
            assertAll(() -> assertEquals(new Shape(1, 2048), out.get(0).getShape()),
                    () -> assertEquals(new Shape(1, 1008), out.get(1).getShape()),
                    () -> assertClose(pool, out.get(0).toFloatArray(), "pool"),
                    () -> assertClose(logits, out.get(1).toFloatArray(), "logits"));
        }
    }

    /** Row {@code r} of a 2-D array. */
    static double[] row(Npy matrix, int r) {
        int width = Math.toIntExact(matrix.shape()[1]);
        return Arrays.copyOfRange(matrix.doubles(), r * width, (r + 1) * width);
    }

    /** Every value within {@link #TOLERANCE}, reporting the largest error. */
    static void assertClose(double[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what + " length");
        double worst = 0;
        int at = 0;
        for (int i = 0; i < expected.length; i++) {
            double error = Math.abs(expected[i] - actual[i]);
            if (error > worst) {
                worst = error;
                at = i;
            }
        }
        System.err.printf("%s: max abs error %.3g at %d%n", what, worst, at);
        assertTrue(worst <= TOLERANCE, what + ": max abs error " + worst + " at " + at
                + " (expected " + expected[at] + ", got " + actual[at] + ")");
    }

    private static Set<String> minus(Set<String> a, Set<String> b) {
        Set<String> out = new HashSet<>(a);
        out.removeAll(b);
        return out;
    }
}
