package diffusionsat.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import diffusionsat.model.DiffusersBlock;
import diffusionsat.model.ModelDType;
import diffusionsat.model.RandomWeights;
import diffusionsat.model.UNetConfig;
import diffusionsat.model.VaeConfig;
import diffusionsat.model.clip.ClipTextConfig;
import diffusionsat.model.clip.ClipTextModel;
import diffusionsat.model.controlnet.ControlNetConfig;
import diffusionsat.model.controlnet.ControlNetInputs;
import diffusionsat.model.controlnet.ControlNetModel;
import diffusionsat.model.controlnet.ResidualScaling;
import diffusionsat.model.ops.GroupNorm;
import diffusionsat.model.ForwardProbe;
import diffusionsat.model.unet.SatUNet;
import diffusionsat.model.unet.UNetInputs;
import diffusionsat.model.vae.AutoencoderKL;
import diffusionsat.sampling.DdimScheduler;
import diffusionsat.sampling.GuidedDenoiser;
import diffusionsat.sampling.StepListener;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Milliseconds per call of each stage of the sampling path at the SD 2.1 size, fp32, batch 1,
 * random weights: VAE decode, the text encoder (77 tokens), the super-resolution ControlNet
 * forward (10 conditioning channels, scale 2) and one guided DDIM step (UNet on the doubled
 * batch, guidance 7.5). The counterpart on the upstream stack is benchmarks/pytorch/stages.py;
 * benchmarks/stages-vs-pytorch.sh runs both back to back. Prints the median of the repeats after
 * one warm-up, never asserts. Arguments: stages (comma-separated: vae,text,controlnet,step, and
 * the VAE decoder's GroupNorm alone: groupnorm on its largest activation (1, 128, 8L, 8L),
 * groupnorm-mid on (1, 512, 2L, 2L), 32 groups), latent size L (32 or 64: 256 or 512 px images),
 * repeats (default 5).
 */
public final class StageBenchmark {
    private static final float[] METADATA = {925f, 345f, 411f, 0f, 308f, 166f, 354f};

    private StageBenchmark() {}

    /** Runs the named stages. */
    public static void main(String[] args) {
        List<String> stages = Arrays.asList(args.length > 0 ? args[0].split(",")
                : new String[] {"vae", "text", "controlnet", "step"});
        int latent = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        for (String stage : stages) {
            try (NDManager models = NDManager.newBaseManager()) {
                Function<NDManager, NDArray> call = build(stage, latent, models);
                report(stage, latent, time(call, models, repeats));
            }
        }
    }

    /** The stage's model with random weights, as one call producing one output array. */
    private static Function<NDManager, NDArray> build(String stage, int latent, NDManager models) {
        SplittableRandom random = new SplittableRandom(1);
        UNetConfig unetConfig = UNetConfig.sd21();
        int width = unetConfig.crossAttentionDim();
        switch (stage) {
            case "vae" -> {
                AutoencoderKL vae = initialised(new AutoencoderKL(VaeConfig.sd21()), models);
                float[] z = gaussian(random, 4 * latent * latent);
                return m -> vae.decode(m.create(z, new Shape(1, 4, latent, latent)));
            }
            case "text" -> {
                ClipTextModel text = initialised(new ClipTextModel(ClipTextConfig.sd21()), models);
                long[] ids = random.longs(77, 0, 49408).toArray();
                return m -> text.forward(m.create(ids, new Shape(1, 77)));
            }
            case "controlnet" -> {
                ControlNetConfig config = ControlNetConfig.fromUNet(unetConfig, 10, 2);
                ControlNetModel controlNet = initialised(new ControlNetModel(config), models);
                int side = latent * config.conditioningDownsampling();
                float[] image = gaussian(random, 10 * side * side);
                float[] z = gaussian(random, 4 * latent * latent);
                float[] context = gaussian(random, 77 * width);
                return m -> controlNet.forward(new ControlNetInputs(
                        unetInputs(m, z, latent, context, width, 1), m.create(image,
                                new Shape(1, 10, side, side)), null),
                        ResidualScaling.uniform(1f), ForwardProbe.NONE).mid();
            }
            case "step" -> {
                SatUNet unet = initialised(new SatUNet(unetConfig), models);
                GuidedDenoiser oneStep = new GuidedDenoiser(DdimScheduler.sd21(), 1, 7.5);
                float[] z = gaussian(random, 4 * latent * latent);
                float[] context = gaussian(random, 2 * 77 * width);
                return m -> {
                    NDArray text = m.create(context, new Shape(2, 77, width));
                    NDArray metadata = m.create(doubled(METADATA), new Shape(2, 7));
                    return oneStep.denoise(m.create(z, new Shape(1, 4, latent, latent)),
                            new NDList(text, metadata), (input, t) -> unet.forward(
                                    new UNetInputs(input, t, text, metadata)),
                            StepListener.NONE);
                };
            }
            case "groupnorm" -> {
                return groupNorm(models, random, 128, 8 * latent);
            }
            case "groupnorm-mid" -> {
                return groupNorm(models, random, 512, 2 * latent);
            }
            default -> throw new IllegalArgumentException("unknown stage " + stage
                    + " (vae, text, controlnet, step, groupnorm, groupnorm-mid)");
        }
    }

    /**
     * The VAE's GroupNorm (32 groups, eps 1e-6) on a (1, channels, side, side) activation made
     * once, as the PyTorch side does; the call returns one element, since copying the input in
     * or the whole map out would cost as much as the norm.
     */
    private static Function<NDManager, NDArray> groupNorm(NDManager models,
            SplittableRandom random, int channels, int side) {
        GroupNorm norm = initialised(new GroupNorm(32, channels, 1e-6f), models);
        NDArray x = models.create(gaussian(random, channels * side * side),
                new Shape(1, channels, side, side));
        return m -> {
            try (NDArray out = norm.forward(x)) {
                return m.create(out.getFloat(0, 0, 0, 0));
            }
        };
    }

    private static UNetInputs unetInputs(NDManager m, float[] z, int latent, float[] context,
            int width, int batch) {
        return new UNetInputs(m.create(z, new Shape(batch, 4, latent, latent)), m.create(500L),
                m.create(context, new Shape(batch, 77, width)),
                m.create(METADATA, new Shape(batch, 7)));
    }

    private static <B extends DiffusersBlock> B initialised(B block, NDManager models) {
        RandomWeights.initialize(block, models, ModelDType.F32, 1);
        return block;
    }

    /** Milliseconds of each repeat after one warm-up call; every call's arrays are freed. */
    private static double[] time(Function<NDManager, NDArray> call, NDManager models,
            int repeats) {
        Consumer<NDManager> once = m -> call.apply(m).toFloatArray(); // waits for the result
        try (NDManager warmUp = models.newSubManager()) {
            once.accept(warmUp);
        }
        double[] ms = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            try (NDManager run = models.newSubManager()) {
                long start = System.nanoTime();
                once.accept(run);
                ms[i] = (System.nanoTime() - start) / 1e6;
            }
        }
        return ms;
    }

    private static void report(String stage, int latent, double[] ms) {
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        List<String> each = new ArrayList<>();
        for (double m : ms) {
            each.add(String.format(Locale.ROOT, "%.0f", m));
        }
        System.out.printf(Locale.ROOT, "djl %s latent %d threads %s: median %.1f ms (%s)%n", stage,
                latent, System.getProperty("ai.djl.pytorch.num_threads", "default"),
                sorted[sorted.length / 2], String.join(", ", each));
    }

    private static float[] doubled(float[] values) {
        float[] both = Arrays.copyOf(values, values.length * 2);
        System.arraycopy(values, 0, both, values.length, values.length);
        return both;
    }

    private static float[] gaussian(SplittableRandom random, int n) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }
}
