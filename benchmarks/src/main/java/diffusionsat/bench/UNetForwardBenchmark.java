package diffusionsat.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import diffusionsat.model.ModelDType;
import diffusionsat.model.RandomWeights;
import diffusionsat.model.UNetConfig;
import diffusionsat.model.blocks.TimeScaleShift;
import diffusionsat.model.ops.ActivationFunction;
import diffusionsat.model.unet.SatUNet;
import diffusionsat.model.unet.UNetInputs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Milliseconds per SatUNet forward (batch 1, 32×32 latents, fp32, random weights) for a tiny and
 * the full SD 2.1 configuration, and the process's resident memory before and after N forwards
 * (VmRSS from /proc/self/status): scoped temporaries must not make it grow. Measured, never
 * asserted. Arguments: [tiny forwards] [sd21 forwards] [latent size] (default 200, 8 and 32;
 * fewer than 4 forwards skip a configuration). Run with a fixed, pre-touched heap (-Xms = -Xmx, -XX:+AlwaysPreTouch) so that
 * RSS changes are native memory.
 */
public final class UNetForwardBenchmark {
    private static final Logger log = LoggerFactory.getLogger(UNetForwardBenchmark.class);

    private UNetForwardBenchmark() {}

    /** Runs both configurations. */
    public static void main(String[] args) throws IOException {
        int tinyForwards = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int fullForwards = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int latent = args.length > 2 ? Integer.parseInt(args[2]) : 32;
        measure("tiny", tiny(), tinyForwards, latent);
        measure("sd21", UNetConfig.sd21(), fullForwards, latent);
    }

    private static void measure(String name, UNetConfig config, int forwards, int latent)
            throws IOException {
        if (forwards < 4) {
            return; // measured in quarters
        }
        SatUNet unet = new SatUNet(config);
        SplittableRandom random = new SplittableRandom(1);
        try (NDManager models = NDManager.newBaseManager()) {
            long loadStart = System.nanoTime();
            RandomWeights.initialize(unet, models, ModelDType.F32, 1);
            log.info("{}: {} parameters initialised in {} ms", name, unet.parameterCount(),
                    (System.nanoTime() - loadStart) / 1_000_000);
            try (NDManager tile = models.newSubManager()) {
                NDArray sample = tile.create(gaussian(random, 4 * latent * latent),
                        new Shape(1, 4, latent, latent));
                NDArray text = tile.create(gaussian(random, 77 * config.crossAttentionDim()),
                        new Shape(1, 77, config.crossAttentionDim()));
                NDArray metadata = tile.create(
                        new float[] {925f, 345f, 411f, 0f, 308f, 166f, 354f}, new Shape(1, 7));
                forward(unet, tile, sample, text, metadata, 1); // warm-up
                List<Long> rssMb = new ArrayList<>(List.of(residentKb() / 1024));
                long start = System.nanoTime();
                for (int quarter = 0; quarter < 4; quarter++) {
                    forward(unet, tile, sample, text, metadata, forwards / 4);
                    rssMb.add(residentKb() / 1024);
                }
                double msPerForward = (System.nanoTime() - start) / 1e6 / (forwards / 4 * 4);
                log.info("{}: {} forwards at {}x{}: {} ms/forward; RSS (MB) after warm-up and "
                        + "each quarter: {}; tile arrays: {}", name, forwards / 4 * 4, latent,
                        latent, String.format("%.1f", msPerForward), rssMb,
                        tile.getManagedArrays().size());
            }
        }
    }

    private static void forward(SatUNet unet, NDManager tile, NDArray sample, NDArray text,
            NDArray metadata, int times) {
        for (int i = 0; i < times; i++) {
            try (NDManager step = tile.newSubManager()) {
                sample.tempAttach(step); // borrow the inputs so the output lands in `step`
                text.tempAttach(step);
                metadata.tempAttach(step);
                unet.forward(new UNetInputs(sample, step.create(500), text, metadata));
            }
        }
    }

    /** A small SatUNet (the reference fixtures' shape, with SD 2.1's text width). */
    private static UNetConfig tiny() {
        return new UNetConfig(8, 4, 4, false, true, 0,
                List.of(UNetConfig.DownBlockType.CROSS_ATTN_DOWN_BLOCK_2D,
                        UNetConfig.DownBlockType.DOWN_BLOCK_2D),
                List.of(UNetConfig.UpBlockType.UP_BLOCK_2D,
                        UNetConfig.UpBlockType.CROSS_ATTN_UP_BLOCK_2D),
                Collections.nCopies(2, false), List.of(32, 64), 1, 1, 1, ActivationFunction.SILU,
                8, 1e-5f, 1024, List.of(4, 4), true, true, TimeScaleShift.DEFAULT, null, 3, 3,
                true, 7);
    }

    private static long residentKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    private static float[] gaussian(SplittableRandom random, int n) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }
}
