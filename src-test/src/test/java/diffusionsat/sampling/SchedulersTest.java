package diffusionsat.sampling;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import diffusionsat.io.ConfigException;
import diffusionsat.io.json.DiffusersJson;
import diffusionsat.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * {@link Schedulers}: every scheduler from SD 2.1's DDIM config as diffusers' from_config builds
 * it (MANIFEST.md case k made its DPM-Solver++ and UniPC configs that way), and the options this
 * implementation lacks refused by key.
 */
class SchedulersTest {
    private static final Path CASE_K = Fixtures.reference().resolve("k_dpmsolver_scheduler");
    private final Schedulers sd21 = Schedulers.sd21();

    @Test
    void fromTheDdimConfigTheSolversAreThoseOfTheReferenceConfigs() throws IOException {
        MultistepConfig dpm = MultistepConfig.dpmSolver(read("config.json"));
        MultistepConfig unipc = MultistepConfig.uniPc(read("unipc_config.json"));
        assertAll(
                () -> assertEquals(dpm, config(sd21.get(SchedulerKind.DPM_SOLVER_PP))),
                () -> assertEquals(unipc, config(sd21.get(SchedulerKind.UNIPC))),
                () -> assertEquals(Double.NEGATIVE_INFINITY, dpm.lambdaMinClipped()),
                () -> assertEquals(2, unipc.solverOrder()),
                () -> assertEquals(SchedulerKind.DDIM, sd21.get(SchedulerKind.DDIM).kind()));
    }

    @Test
    void multistepTimestepsSpanTheTrainingStepsWithoutOffsetOrDuplicates() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            NoiseScheduler dpm = sd21.get(SchedulerKind.DPM_SOLVER_PP);
            int[] four = dpm.withSteps(4, manager).timesteps();
            int[] all = dpm.withSteps(1000, manager).timesteps();
            int[] ddim = sd21.get(SchedulerKind.DDIM).withSteps(4, manager).timesteps();
            assertAll(
                    () -> assertArrayEquals(new int[] {999, 749, 500, 250}, four),
                    // numpy: round(500 · 0.999) = round(500.499) = 500 = round(499.5), one dropped
                    () -> assertEquals(999, all.length),
                    () -> assertEquals(999, Arrays.stream(all).distinct().count()),
                    () -> assertEquals(999, all[0]),
                    () -> assertEquals(1, all[all.length - 1]),
                    () -> assertArrayEquals(new int[] {751, 501, 251, 1}, ddim));
        }
    }

    @Test
    void optionsThisImplementationLacksAreRefusedByKey() {
        assertAll(
                () -> assertRefused("thresholding", true, SchedulerKind.DPM_SOLVER_PP),
                () -> assertRefused("use_karras_sigmas", true, SchedulerKind.DPM_SOLVER_PP),
                () -> assertRefused("solver_type", "heun", SchedulerKind.DPM_SOLVER_PP),
                // diffusers turns a DPM-Solver type into bh1 for UniPC
                () -> assertRefused("solver_type", "midpoint", SchedulerKind.UNIPC),
                () -> assertRefused("predict_x0", false, SchedulerKind.UNIPC),
                () -> assertRefused("solver_order", 3, SchedulerKind.UNIPC),
                () -> assertRefused("beta_schedule", "squaredcos_cap_v2", SchedulerKind.DDIM));
    }

    @Test
    void moreStepsThanTrainingStepsNameTheSetting() {
        ObjectNode short100 = CheckpointPreset.schedulerConfig().put("num_train_timesteps", 100);
        NoiseScheduler unipc = new Schedulers(short100).get(SchedulerKind.UNIPC);
        ConfigException e = assertThrows(ConfigException.class,
                () -> Schedulers.requireSteps(unipc, 101));
        assertTrue(e.getMessage().contains("sampler.steps = 101")
                && e.getMessage().contains("[1, 100]"), e.getMessage());
    }

    @Test
    void aSchedulerNameIsParsedOrRefusedNamingTheChoices() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> SchedulerKind.parse("sampler.scheduler", "dpm"));
        assertAll(
                () -> assertEquals(SchedulerKind.DPM_SOLVER_PP,
                        SchedulerKind.parse("sampler.scheduler", "dpmsolver++")),
                () -> assertTrue(e.getMessage().contains("ddim | dpmsolver++ | unipc"),
                        e.getMessage()));
    }

    private static void assertRefused(String key, Object value, SchedulerKind kind) {
        ObjectNode json = CheckpointPreset.schedulerConfig();
        json.set(key, DiffusersJson.MAPPER.valueToTree(value));
        ConfigException e = assertThrows(ConfigException.class,
                () -> new Schedulers(json).get(kind), key);
        assertTrue(e.getMessage().contains("scheduler." + key), e.getMessage());
    }

    private static MultistepConfig config(NoiseScheduler scheduler) {
        return ((MultistepScheduler) scheduler).config();
    }

    private static JsonNode read(String file) throws IOException {
        return DiffusersJson.MAPPER.readTree(CASE_K.resolve(file).toFile());
    }
}
