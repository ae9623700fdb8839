package diffusionsat.model.lpips;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import diffusionsat.evaluation.MetricWeights;
import diffusionsat.io.checkpoint.CheckpointMismatchException;
import diffusionsat.io.checkpoint.StateDict;
import diffusionsat.io.storage.Storage;
import diffusionsat.model.ModelDType;
import diffusionsat.testing.Npy;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * LPIPS (AlexNet, v0.1) against a plain-torch transcription on narrow random weights with
 * torchvision's layer layout (resources/metricnets/make_lpips.py).
 */
class LpipsTest {
    private static final double TOLERANCE = 1e-5;

    private static Path fixtures() throws URISyntaxException {
        return Path.of(LpipsTest.class.getResource("/metricnets/make_lpips.py").toURI())
                .getParent();
    }

    @Test
    void matchesTorchOnRandomWeightsLoadedByName() throws Exception {
        StateDict weights = MetricWeights.lpips(fixtures().resolve("lpips-tiny").toString(),
                Storage.local());
        Npy images = Npy.read(fixtures().resolve("images.npy"));     // (2 pairs, 2, 3, 64, 64)
        double[] expected = Npy.read(fixtures().resolve("expected.npy")).doubles();
        Lpips lpips = new Lpips(LpipsWidths.of(weights));
        try (NDManager manager = NDManager.newBaseManager()) {
            lpips.load(weights, manager, ModelDType.F32);
            NDArray all = manager.create(images.floats(), new Shape(images.shape()));
            // (P, 2, 3, H, W) in [0, 1] -> two (P, 3, H, W) in [-1, 1]
            NDArray scaled = all.mul(2).sub(1);
            NDArray x0 = scaled.get(":, 0");
            NDArray x1 = scaled.get(":, 1");
            float[] actual = lpips.forward(x0, x1).toFloatArray();
            assertEquals(expected.length, actual.length);
            for (int p = 0; p < expected.length; p++) {
                assertEquals(expected[p], actual[p], TOLERANCE, "pair " + p);
            }
        }
    }

    @Test
    void fullWidthTreeHasTorchvisionAndLpipsNames() throws IOException, URISyntaxException {
        Map<String, String> expected = new LinkedHashMap<>();
        for (String line : Files.readAllLines(fixtures().resolve("alexnet_shapes.tsv"))) {
            String[] parts = line.split("\t");
            expected.put(parts[0], parts[1]);
        }
        List<Integer> heads = List.of(64, 192, 384, 256, 256);
        for (int k = 0; k < heads.size(); k++) {
            expected.put("lin" + k + ".model.1.weight", "1," + heads.get(k) + ",1,1");
        }
        Map<String, String> actual = new LinkedHashMap<>();
        new Lpips(LpipsWidths.alexNet()).parameterShapes().forEach((name, shape) -> actual.put(
                name, Arrays.stream(shape.getShape()).mapToObj(Long::toString)
                        .reduce((x, y) -> x + "," + y).orElseThrow()));
        assertEquals(expected, actual);
    }

    @Test
    void missingHeadIsAMismatch() throws Exception {
        StateDict features = MetricWeights.lpips(
                fixtures().resolve("lpips-tiny/alexnet.bin").toString(), Storage.local());
        Lpips lpips = new Lpips(LpipsWidths.of(features));
        try (NDManager manager = NDManager.newBaseManager()) {
            assertThrows(CheckpointMismatchException.class,
                    () -> lpips.load(features, manager, ModelDType.F32));
        }
    }
}
