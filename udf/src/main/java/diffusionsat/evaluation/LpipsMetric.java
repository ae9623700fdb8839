package diffusionsat.evaluation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import diffusionsat.io.checkpoint.StateDict;
import diffusionsat.io.storage.Storage;
import diffusionsat.model.ModelDType;
import diffusionsat.model.lpips.Lpips;
import diffusionsat.model.lpips.LpipsWidths;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LPIPS between two RGB images in [0, 1], with the network loaded once per executor JVM and
 * weights location (float32, CPU) and shared by its tasks; the weights live as long as the JVM.
 */
public final class LpipsMetric {
    /** The smallest side AlexNet's two max-pools still accept (conv1 must give ≥ 7 pixels). */
    public static final int MIN_SIZE = 31;

    private static final Logger log = LoggerFactory.getLogger(LpipsMetric.class);
    private static final Map<String, LpipsMetric> LOADED = new ConcurrentHashMap<>();

    private final NDManager manager;
    private final Lpips network;

    private LpipsMetric(StateDict weights) {
        manager = NDManager.newBaseManager();
        network = new Lpips(LpipsWidths.of(weights));
        network.load(weights, manager, ModelDType.F32);
    }

    /** The network for the weights at {@code uri}, read on first use in this JVM. */
    public static LpipsMetric forWeights(String uri, Storage storage) {
        return LOADED.computeIfAbsent(uri, u -> {
            log.info("loading LPIPS weights from {}", u);
            return new LpipsMetric(MetricWeights.lpips(u, storage));
        });
    }

    /** Builds the metric from weights already in memory (tests, tools). */
    public static LpipsMetric of(StateDict weights) {
        return new LpipsMetric(weights);
    }

    /**
     * The LPIPS distance of two images of the same size, each 3 row-major planes in [0, 1]
     * without NaN, both sides at least {@link #MIN_SIZE}.
     */
    public double distance(float[][] a, float[][] b, int width, int height) {
        try (NDManager pair = manager.newSubManager()) {
            NDArray x0 = toNetworkInput(pair, a, width, height);
            NDArray x1 = toNetworkInput(pair, b, width, height);
            return network.forward(x0, x1).getFloat(0);
        }
    }

    /** 3 planes in [0, 1] -> (1, 3, H, W) in [-1, 1], as lpips expects. */
    private static NDArray toNetworkInput(NDManager manager, float[][] planes, int width,
            int height) {
        int pixels = width * height;
        float[] values = new float[3 * pixels];
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < pixels; i++) {
                values[c * pixels + i] = 2f * planes[c][i] - 1f;
            }
        }
        return manager.create(values, new Shape(1, 3, height, width));
    }
}
