package diffusionsat.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import diffusionsat.testing.CaseRunner;
import diffusionsat.testing.Npy;
import diffusionsat.testing.Parity;
import diffusionsat.testing.ReferenceCase;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reference cases of a DDIMScheduler (MANIFEST.md case g). Tolerances from MANIFEST.md:
 * timesteps exact, betas 1e-8, alphas_cumprod 1e-6, step / add_noise / get_velocity 1e-5.
 */
public final class DdimCaseRunner implements CaseRunner {
    private static final Pattern STEP =
            Pattern.compile("step_n(\\d+)_t(\\d+)_(prev_sample|pred_original_sample)");

    @Override
    public boolean handles(ReferenceCase c) {
        return c.configClass().equals("DDIMScheduler");
    }

    @Override
    public void run(ReferenceCase c) {
        DdimScheduler scheduler =
                new DdimScheduler(SchedulerConfig.fromJson(c.config().orElseThrow()));
        Parity parity = new Parity(c.name());
        int[] timesteps = Arrays.stream(c.input("timesteps").longs()).mapToInt(Math::toIntExact)
                .toArray();
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray sample = c.inputArray(manager, "sample");
            NDArray modelOutput = c.inputArray(manager, "model_output");
            for (String name : c.outputNames()) {
                Npy expected = c.output(name);
                Matcher step = STEP.matcher(name);
                if (name.equals("betas")) {
                    parity.compare(name, expected, expected.shape(), scheduler.betas(), 1e-8);
                } else if (name.equals("alphas_cumprod")) {
                    parity.compare(name, expected, expected.shape(),
                            scheduler.alphasCumprod(), 1e-6);
                } else if (name.equals("final_alpha_cumprod")) {
                    parity.compare(name, expected, expected.shape(),
                            new float[] {scheduler.finalAlphaCumprod()}, 1e-6);
                } else if (name.startsWith("timesteps_")) {
                    int steps = Integer.parseInt(name.substring("timesteps_".length()));
                    long[] actual = Arrays.stream(scheduler.withSteps(steps).timesteps())
                            .asLongStream().toArray();
                    parity.check(() -> assertArrayEquals(expected.longs(), actual, name));
                } else if (step.matches()) {
                    DdimStep result = scheduler.withSteps(Integer.parseInt(step.group(1)))
                            .step(modelOutput, Integer.parseInt(step.group(2)), sample);
                    parity.compare(name, expected, step.group(3).equals("prev_sample")
                            ? result.prevSample() : result.predOriginalSample(), 1e-5);
                } else if (name.equals("add_noise")) {
                    parity.compare(name, expected,
                            scheduler.addNoise(sample, modelOutput, timesteps), 1e-5);
                } else if (name.equals("get_velocity")) {
                    parity.compare(name, expected,
                            scheduler.velocity(sample, modelOutput, timesteps), 1e-5);
                } else {
                    throw new IllegalStateException(c.name() + ": unknown output " + name);
                }
            }
        }
        parity.assertAll();
    }
}
