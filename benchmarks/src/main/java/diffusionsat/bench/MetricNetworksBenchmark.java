package diffusionsat.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.ObjectMapper;
import diffusionsat.evaluation.InceptionMetric;
import diffusionsat.model.FormulaWeights;
import diffusionsat.model.ModelDType;
import diffusionsat.model.RandomWeights;
import diffusionsat.model.clip.ClipConfig;
import diffusionsat.model.clip.ClipModel;
import diffusionsat.model.inception.FidInceptionV3;
import diffusionsat.model.lpips.Lpips;
import diffusionsat.model.lpips.LpipsWidths;
import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Milliseconds per image of the evaluation's metric networks, fp32 on the CPU, beside
 * benchmarks/pytorch/metric_networks.py (same shapes, inputs and thread count): the FID
 * Inception-v3 at 299x299 (batch 1 and 8, {@link FormulaWeights}, which the Python side
 * reproduces bit for bit, so both print the same pool-feature checksum), LPIPS AlexNet on one
 * 256x256 pair, CLIP's image tower (ViT-B, 224, patch 16 by default) with its projection, and
 * {@link InceptionMetric#features} on one 512x512 image (float64 resize to 299, then the
 * network: what the evaluate job pays per image). LPIPS and CLIP use {@link RandomWeights}: the
 * cost does not depend on the values. Each figure is the median of N timed forwards after
 * warm-up ones. Measured, never asserted. Arguments: [timed forwards] [warm-up forwards] [CLIP
 * patch size] (default 10, 2 and 16).
 */
public final class MetricNetworksBenchmark {
    private static final Logger log = LoggerFactory.getLogger(MetricNetworksBenchmark.class);
    private static final int INCEPTION_SIDE = 299;
    private static final int LPIPS_SIDE = 256;
    private static final int EVALUATED_SIDE = 512;

    private final int forwards;
    private final int warmUps;

    private MetricNetworksBenchmark(int forwards, int warmUps) {
        this.forwards = forwards;
        this.warmUps = warmUps;
    }

    /** Runs every measurement in turn. */
    public static void main(String[] args) throws IOException {
        int forwards = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int warmUps = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int clipPatch = args.length > 2 ? Integer.parseInt(args[2]) : 16;
        MetricNetworksBenchmark bench = new MetricNetworksBenchmark(forwards, warmUps);
        try (NDManager models = NDManager.newBaseManager()) {
            bench.inception(models);
            bench.lpips(models);
            bench.clip(models, clipPatch);
        }
        bench.inceptionMetric();
    }

    private void inception(NDManager models) {
        FidInceptionV3 network = new FidInceptionV3(FidInceptionV3.FID_CLASSES);
        network.load(FormulaWeights.fidInception(), models, ModelDType.F32);
        for (int batch : new int[] {1, 8}) {
            try (NDManager inputs = models.newSubManager()) {
                NDArray x = networkInput(inputs, batch, INCEPTION_SIDE);
                float[] pool = network.forward(x).get(0).toFloatArray();
                log.info("inception pool checksum (batch {}): sum {} first {}", batch,
                        String.format(Locale.ROOT, "%.6f", sum(pool)), pool[0]);
                report("inception " + INCEPTION_SIDE + " batch " + batch, batch,
                        time(x, in -> network.forward(in).get(0)));
            }
        }
    }

    private void lpips(NDManager models) {
        Lpips network = new Lpips(LpipsWidths.alexNet());
        RandomWeights.initialize(network, models, ModelDType.F32, 2);
        try (NDManager inputs = models.newSubManager()) {
            NDArray pair = networkInput(inputs, 2, LPIPS_SIDE);            // (2, 3, S, S)
            NDArray x1 = pair.get("1:2");
            report("lpips alexnet " + LPIPS_SIDE + " pair", 1,
                    time(pair.get("0:1"), x0 -> network.forward(x0, x1)));
        }
    }

    private void clip(NDManager models, int patch) throws IOException {
        ClipConfig config = ClipConfig.fromJson(new ObjectMapper().readTree(
                "{\"vision_config\": {\"patch_size\": " + patch + "}}"));  // ViT-B otherwise
        ClipModel network = new ClipModel(config);
        RandomWeights.initialize(network, models, ModelDType.F32, 3);
        try (NDManager inputs = models.newSubManager()) {
            NDArray pixels = networkInput(inputs, 1, config.vision().imageSize());
            report("clip image ViT-B/" + patch + " " + config.vision().imageSize(), 1,
                    time(pixels, network::imageFeatures));
        }
    }

    /** The evaluate job's per-image call, from Java planes to Java features. */
    private void inceptionMetric() {
        InceptionMetric metric = InceptionMetric.of(FormulaWeights.fidInception());
        float[] image = pattern(3 * EVALUATED_SIDE * EVALUATED_SIDE);
        int plane = EVALUATED_SIDE * EVALUATED_SIDE;
        float[][] planes = new float[3][];
        for (int c = 0; c < 3; c++) {
            planes[c] = Arrays.copyOfRange(image, c * plane, (c + 1) * plane);
        }
        double[] ms = new double[forwards];
        for (int i = -warmUps; i < forwards; i++) {
            long start = System.nanoTime();
            metric.features(planes, EVALUATED_SIDE, EVALUATED_SIDE);
            if (i >= 0) {
                ms[i] = (System.nanoTime() - start) / 1e6;
            }
        }
        report("InceptionMetric.features " + EVALUATED_SIDE + " -> " + INCEPTION_SIDE, 1, ms);
    }

    /**
     * Milliseconds of each timed forward of {@code network} on {@code input}, including the copy
     * of its output to the heap; each forward's arrays are freed before the next.
     */
    private double[] time(NDArray input, Function<NDArray, NDArray> network) {
        double[] ms = new double[forwards];
        for (int i = -warmUps; i < forwards; i++) {
            try (NDManager step = input.getManager().newSubManager()) {
                input.tempAttach(step);  // borrow the input so that the output lands in `step`
                long start = System.nanoTime();
                network.apply(input).toFloatArray();
                if (i >= 0) {
                    ms[i] = (System.nanoTime() - start) / 1e6;
                }
            }
        }
        return ms;
    }

    private static void report(String name, int batch, double[] ms) {
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        double median = sorted[sorted.length / 2];
        if (sorted.length % 2 == 0) {
            median = (median + sorted[sorted.length / 2 - 1]) / 2;
        }
        log.info("{}: median {} ms/forward, {} ms/image, min {} ms/forward ({} forwards)", name,
                String.format(Locale.ROOT, "%.1f", median),
                String.format(Locale.ROOT, "%.1f", median / batch),
                String.format(Locale.ROOT, "%.1f", sorted[0]), ms.length);
    }

    /** (batch, 3, side, side) of {@link #pattern} mapped to [-1, 1], as the networks expect. */
    private static NDArray networkInput(NDManager manager, int batch, int side) {
        return manager.create(pattern(batch * 3 * side * side), new Shape(batch, 3, side, side))
                .mul(2).sub(1);
    }

    /** 0.5 + 0.5 sin(0.37 i) over the flat index i: the Python side draws the same values. */
    private static float[] pattern(int n) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) (0.5 + 0.5 * Math.sin(0.37 * i));
        }
        return values;
    }

    private static double sum(float[] values) {
        double total = 0;
        for (float v : values) {
            total += v;
        }
        return total;
    }
}
