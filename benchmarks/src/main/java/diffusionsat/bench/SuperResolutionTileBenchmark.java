package diffusionsat.bench;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import diffusionsat.io.checkpoint.DiffusersFolder;
import diffusionsat.model.ModelDType;
import diffusionsat.sampling.CheckpointMaker;
import diffusionsat.sampling.CheckpointPreset;
import diffusionsat.sampling.ConditionalGenerator;
import diffusionsat.sampling.ConditionalRequest;
import diffusionsat.sampling.ControlNetPipeline;
import diffusionsat.sampling.ControlNetPipelineLoader;
import diffusionsat.sampling.ControlNetPreset;
import diffusionsat.sampling.ControlNetShape;
import diffusionsat.sampling.SamplerConfig;
import diffusionsat.sampling.SatelliteMetadata;
import diffusionsat.sampling.SchedulerKind;
import diffusionsat.sampling.Schedulers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Seconds per super-resolution tile (one window of the output size) through the DiffusionSat
 * 2D ControlNet pipeline with random weights, per scheduler and step count: guided sampling
 * (w = 7.5) and the VAE decode, batch B windows at once. Prints one line per configuration:
 * seconds per tile (median over the repeats after one warm-up batch), tiles per second and
 * UNet calls per tile (one call per timestep on the doubled guidance batch). Measured, never
 * asserted.
 *
 * <p>Arguments: preset (tiny | sd21: a random-weight checkpoint written to a temporary folder,
 * or the path of a checkpoint folder with a super-resolution {@code controlnet/}), output size, device (cpu | gpu), dtype (f32 | f16 | bf16),
 * batch sizes (comma-separated), repeats, then one or more {@code scheduler:steps} (e.g.
 * {@code ddim:50 ddim:20 dpmsolver++:20 dpmsolver++:10}).
 */
public final class SuperResolutionTileBenchmark {
    private static final double GUIDANCE = 7.5;

    private SuperResolutionTileBenchmark() {}

    public static void main(String[] args) throws IOException {
        Path given = Path.of(args[0]);
        int size = Integer.parseInt(args[1]);
        Device device = args[2].equals("gpu") ? Device.gpu() : Device.cpu();
        ModelDType dtype = ModelDType.parse(args[3]);
        int[] batches = Arrays.stream(args[4].split(",")).mapToInt(Integer::parseInt).toArray();
        int repeats = Integer.parseInt(args[5]);
        boolean written = !Files.isDirectory(given);
        Path checkpoint = written ? Files.createTempDirectory("sr-tile-benchmark") : given;
        if (written) {
            CheckpointMaker.write(checkpoint, CheckpointPreset.valueOf(args[0]
                    .toUpperCase(Locale.ROOT)), ControlNetPreset.SUPERRES, 1);
        }
        try (ControlNetPipeline pipeline = ControlNetPipelineLoader.load(
                DiffusersFolder.open(checkpoint.toString()), dtype, device, size)) {
            ConditionalGenerator generator = pipeline.forRun(1);
            System.out.printf("# %s, %d px, %s, %s, guidance %.1f%n", args[0], size, device,
                    dtype, GUIDANCE);
            System.out.println("| scheduler | steps | batch | s/tile | tiles/s | UNet calls/tile |");
            System.out.println("|---|---:|---:|---:|---:|---:|");
            for (int b : batches) {
                List<ConditionalRequest> requests = requests(pipeline.shape(), b);
                for (int a = 6; a < args.length; a++) {
                    String[] run = args[a].split(":");
                    SchedulerKind kind = SchedulerKind.parse("scheduler", run[0]);
                    int steps = Integer.parseInt(run[1]);
                    SamplerConfig sampler = new SamplerConfig(kind, steps, GUIDANCE, b, size,
                            size, SamplerConfig.BatchInvariance.AUTO);
                    generator.generate(requests, new SamplerConfig(kind, 1, GUIDANCE, b, size,
                            size, SamplerConfig.BatchInvariance.AUTO)); // warm-up
                    double[] seconds = new double[repeats];
                    for (int r = 0; r < repeats; r++) {
                        long start = System.nanoTime();
                        generator.generate(requests, sampler);
                        seconds[r] = (System.nanoTime() - start) / 1e9 / b;
                    }
                    Arrays.sort(seconds);
                    double median = seconds[repeats / 2];
                    System.out.printf(Locale.ROOT, "| %s | %d | %d | %.2f | %.3f | %d |%n",
                            kind, steps, b, median, 1 / median, unetCalls(kind, steps));
                }
            }
        } finally {
            if (written) {
                deleteTree(checkpoint);
            }
        }
    }

    /** One network call per timestep of the schedule (GuidedDenoiser). */
    private static int unetCalls(SchedulerKind kind, int steps) {
        try (NDManager state = NDManager.newBaseManager(Device.cpu())) {
            return Schedulers.sd21().get(kind).withSteps(steps, state).timesteps().length;
        }
    }

    /** {@code count} windows of random conditioning (the 10 Sentinel-2 channels). */
    private static List<ConditionalRequest> requests(ControlNetShape shape, int count) {
        SplittableRandom random = new SplittableRandom(2);
        int side = shape.conditioningSize();
        List<ConditionalRequest> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            float[][][] frames = new float[1][shape.channels()][side * side];
            for (float[] plane : frames[0]) {
                for (int p = 0; p < plane.length; p++) {
                    plane[p] = (float) random.nextDouble();
                }
            }
            float[][] frameMetadata = {metadata(10.0).normalized()};
            out.add(new ConditionalRequest("tile" + i, "a satellite image",
                    metadata(2.5).normalized(), frames, frameMetadata, side, side));
        }
        return out;
    }

    private static SatelliteMetadata metadata(double gsd) {
        return new SatelliteMetadata(14.56, 45.87, gsd, 0, LocalDate.of(2015, 7, 11));
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
