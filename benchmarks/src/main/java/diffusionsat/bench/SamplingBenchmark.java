package diffusionsat.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import diffusionsat.model.ModelDType;
import diffusionsat.model.RandomWeights;
import diffusionsat.model.UNetConfig;
import diffusionsat.model.VaeConfig;
import diffusionsat.model.unet.SatUNet;
import diffusionsat.model.vae.AutoencoderKL;
import diffusionsat.sampling.CheckpointPreset;
import diffusionsat.sampling.Conditioning;
import diffusionsat.sampling.SchedulerKind;
import diffusionsat.sampling.Schedulers;
import diffusionsat.sampling.LatentDiffusion;
import diffusionsat.sampling.LatentNoise;
import diffusionsat.sampling.StepListener;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Guided DDIM sampling time on DJL: one image (UNet batch 2 under guidance 7.5), random
 * weights, fp32 on the CPU, the text embeddings given (77 tokens). Times the denoising loop and
 * the VAE decode separately, after one warm-up step. Compare with
 * {@code benchmarks/pytorch/sampling_benchmark.py} on the same thread count.
 *
 * <p>Usage: {@code scripts/benchmark.sh SamplingBenchmark tiny|sd21 LATENT STEPS [REPEATS]};
 * prints one Markdown table row.
 */
public final class SamplingBenchmark {
    private static final Logger log = LoggerFactory.getLogger(SamplingBenchmark.class);

    private SamplingBenchmark() {}

    public static void main(String[] args) {
        CheckpointPreset preset = CheckpointPreset.valueOf(args[0].toUpperCase(Locale.ROOT));
        int latent = Integer.parseInt(args[1]);
        int steps = Integer.parseInt(args[2]);
        int repeats = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        UNetConfig unetConfig = UNetConfig.fromJson(preset.unetConfig());
        try (NDManager manager = NDManager.newBaseManager()) {
            SatUNet unet = new SatUNet(unetConfig);
            RandomWeights.initialize(unet, manager, ModelDType.F32, 1);
            AutoencoderKL vae = new AutoencoderKL(VaeConfig.fromJson(preset.vaeConfig()));
            RandomWeights.initialize(vae, manager, ModelDType.F32, 2);
            LatentDiffusion diffusion = new LatentDiffusion(unet, vae, Schedulers.sd21());
            int width = unetConfig.crossAttentionDim();
            NDArray prompt = manager.create(LatentNoise.gaussian(3, 77 * width),
                    new Shape(1, 77, width));
            NDArray negative = manager.create(LatentNoise.gaussian(4, 77 * width),
                    new Shape(1, 77, width));
            NDArray metadata = manager.create(new float[] {540, 755, 9995, 0, 292, 583, 355},
                    new Shape(1, 7));
            Conditioning condition = new Conditioning(prompt, negative, metadata);
            NDArray noise = manager.create(LatentNoise.gaussian(5, 4 * latent * latent),
                    new Shape(1, 4, latent, latent));
            diffusion.denoise(noise, condition, SchedulerKind.DDIM, 1, 7.5, StepListener.NONE)
                    .close(); // warm-up
            double best = Double.MAX_VALUE;
            double decodeBest = Double.MAX_VALUE;
            for (int r = 0; r < repeats; r++) {
                long start = System.nanoTime();
                NDArray latents = diffusion.denoise(noise, condition, SchedulerKind.DDIM, steps,
                        7.5, StepListener.NONE);
                latents.toFloatArray(); // wait for the result
                long denoised = System.nanoTime();
                diffusion.decode(latents).toFloatArray();
                long decoded = System.nanoTime();
                best = Math.min(best, (denoised - start) / 1e9);
                decodeBest = Math.min(decodeBest, (decoded - denoised) / 1e9);
                latents.close();
            }
            String row = String.format(Locale.ROOT, "| djl | %s | %d² | %d | %s | %.3f | %.4f"
                    + " | %.3f |", preset.name().toLowerCase(Locale.ROOT), latent, steps,
                    System.getProperty("ai.djl.pytorch.num_threads", "default"), best,
                    best / steps, decodeBest);
            log.info("{}", row);
            System.out.println(row); // the benchmark's result, for benchmarks/results/
        }
    }
}
