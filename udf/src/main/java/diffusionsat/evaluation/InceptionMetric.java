package diffusionsat.evaluation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import diffusionsat.io.checkpoint.HostTensor;
import diffusionsat.io.checkpoint.StateDict;
import diffusionsat.io.storage.Storage;
import diffusionsat.model.ModelDType;
import diffusionsat.model.inception.FidInceptionV3;
import diffusionsat.model.ops.Resize;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * FID Inception-v3 pool features and logits of RGB images in [0, 1], preprocessed as pytorch-fid
 * does (bilinear resize to 299x299 with align_corners=False, then 2x − 1). The network is loaded
 * once per executor JVM and weights location (float32, CPU) and shared by its tasks; the weights
 * live as long as the JVM.
 */
public final class InceptionMetric {
    /** The width of {@link InceptionFeatures#pool()}. */
    public static final int POOL_WIDTH = FidInceptionV3.POOL_WIDTH;
    /** The side every image is resized to before the network. */
    public static final int INPUT_SIZE = 299;

    private static final Logger log = LoggerFactory.getLogger(InceptionMetric.class);
    private static final Map<String, InceptionMetric> LOADED = new ConcurrentHashMap<>();
    /** BatchNorm's training step counter, in state dicts saved from a torch module. */
    private static final String BATCH_COUNTER = ".num_batches_tracked";

    private final NDManager manager;
    private final FidInceptionV3 network;

    private InceptionMetric(StateDict weights) {
        StateDict inference = withoutBatchCounters(weights);
        manager = NDManager.newBaseManager();
        network = new FidInceptionV3(FidInceptionV3.classesOf(inference));
        network.load(inference, manager, ModelDType.F32);
    }

    /** The network for the weights at {@code uri}, read on first use in this JVM. */
    public static InceptionMetric forWeights(String uri, Storage storage) {
        return LOADED.computeIfAbsent(uri, u -> {
            log.info("loading Inception weights from {}", u);
            return new InceptionMetric(MetricWeights.read("evaluate.inceptionWeights", u, storage,
                    List.of("AuxLogits.")));
        });
    }

    /** Builds the metric from weights already in memory (tests, tools). */
    public static InceptionMetric of(StateDict weights) {
        return new InceptionMetric(weights);
    }

    /** The features of one image: 3 row-major planes in [0, 1] without NaN. */
    public InceptionFeatures features(float[][] rgbPlanes, int width, int height) {
        return features(List.<float[][]>of(rgbPlanes), width, height).get(0);
    }

    /** The features of images of the same size, each 3 row-major planes in [0, 1] without NaN. */
    public List<InceptionFeatures> features(List<float[][]> images, int width, int height) {
        if (images.isEmpty()) {
            return List.of();
        }
        try (NDManager batch = manager.newSubManager()) {
            NDList out = network.forward(toNetworkInput(batch, images, width, height));
            float[] pool = out.get(0).toFloatArray();
            float[] logits = out.get(1).toFloatArray();
            int classes = Math.toIntExact(out.get(1).getShape().get(1));
            List<InceptionFeatures> features = new ArrayList<>(images.size());
            for (int i = 0; i < images.size(); i++) {
                features.add(new InceptionFeatures(
                        slice(pool, i, POOL_WIDTH), slice(logits, i, classes)));
            }
            return features;
        }
    }

    /** N images of 3 planes in [0, 1] -> (N, 3, 299, 299) in [-1, 1], as pytorch-fid. */
    private static NDArray toNetworkInput(NDManager manager, List<float[][]> images, int width,
            int height) {
        int pixels = width * height;
        float[] values = new float[images.size() * 3 * pixels];
        for (int i = 0; i < images.size(); i++) {
            float[][] planes = images.get(i);
            if (planes.length != 3) {
                throw new IllegalArgumentException("image " + i + " has " + planes.length
                        + " planes, not 3 (RGB)");
            }
            for (int c = 0; c < 3; c++) {
                if (planes[c].length != pixels) {
                    throw new IllegalArgumentException("image " + i + " plane " + c + " has "
                            + planes[c].length + " values, not " + width + "x" + height);
                }
                System.arraycopy(planes[c], 0, values, (3 * i + c) * pixels, pixels);
            }
        }
        NDArray x = manager.create(values, new Shape(images.size(), 3, height, width));
        if (width != INPUT_SIZE || height != INPUT_SIZE) {
            // In float64: libtorch rounds its float32 source coordinates differently from one
            // version to the next (up to 5e-6 apart); float64 leaves only the final rounding.
            x = Resize.bilinear(x.toType(DataType.FLOAT64, false), INPUT_SIZE, INPUT_SIZE)
                    .toType(DataType.FLOAT32, false);
        }
        // torch resizes before scaling, and so do we: the two orders round differently
        return x.mul(2).sub(1);
    }

    private static float[] slice(float[] rows, int row, int width) {
        float[] out = new float[width];
        System.arraycopy(rows, row * width, out, 0, width);
        return out;
    }

    private static StateDict withoutBatchCounters(StateDict weights) {
        List<HostTensor> kept = new ArrayList<>();
        for (HostTensor tensor : weights) {
            if (!tensor.name().endsWith(BATCH_COUNTER)) {
                kept.add(tensor);
            }
        }
        return kept.size() == weights.size() ? weights : StateDict.of(weights.source(), kept);
    }
}
