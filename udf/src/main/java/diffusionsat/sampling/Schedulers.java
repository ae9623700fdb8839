package diffusionsat.sampling;

import com.fasterxml.jackson.databind.JsonNode;
import diffusionsat.io.ConfigException;
import diffusionsat.io.json.DiffusersJson;
import diffusionsat.io.storage.Storage;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The schedulers a checkpoint's {@code scheduler/} config gives, one per {@link SchedulerKind},
 * each built on first use as diffusers' {@code from_config} builds it: the config may be
 * written for another scheduler class (SD 2.1 ships DDIM's), and the chosen class takes the keys
 * it knows. A config a scheduler cannot use fails when that scheduler is asked for, naming the
 * key. Safe to share between threads.
 */
public final class Schedulers {
    /** Where diffusers puts a scheduler's config, then the generic name. */
    static final List<String> CONFIG_FILES = List.of("scheduler_config.json", "config.json");

    private final JsonNode config;
    private final Map<SchedulerKind, NoiseScheduler> built = new ConcurrentHashMap<>();

    /** The schedulers of {@code config} (copied). */
    public Schedulers(JsonNode config) {
        this.config = config.deepCopy();
    }

    /** SD 2.1's scheduler config (DDIM, v-prediction; DIFFUSIONSAT.md §4.2). */
    public static Schedulers sd21() {
        return new Schedulers(CheckpointPreset.schedulerConfig());
    }

    /**
     * The scheduler of {@code kind}.
     *
     * @throws ConfigException when the config holds an option it lacks
     */
    public NoiseScheduler get(SchedulerKind kind) {
        return built.computeIfAbsent(kind, this::build);
    }

    /**
     * {@code steps} ({@code sampler.steps}) fits {@code scheduler}'s training steps, else a
     * {@link ConfigException} naming the key.
     */
    public static void requireSteps(NoiseScheduler scheduler, int steps) {
        if (steps < 1 || steps > scheduler.maxSteps()) {
            throw new ConfigException("sampler.steps", steps, "must be in [1, "
                    + scheduler.maxSteps() + "] (the checkpoint's " + scheduler.kind()
                    + " scheduler, num_train_timesteps " + scheduler.trainSteps() + ")");
        }
    }

    /**
     * Before any sampling starts (on the driver): the scheduler config of {@code checkpoint}
     * gives {@code sampler.scheduler} with at least {@code sampler.steps} training steps. A
     * checkpoint without one is left to the loader, which names what is missing.
     *
     * @throws ConfigException naming the key that breaks a rule
     */
    public static void requireUsable(Storage storage, String checkpoint, SamplerConfig sampler) {
        for (String name : CONFIG_FILES) {
            String uri = storage.resolve(checkpoint, "scheduler/" + name);
            if (storage.exists(uri)) {
                JsonNode json;
                try {
                    json = DiffusersJson.MAPPER.readTree(storage.readAllBytes(uri));
                } catch (IOException e) {
                    throw new ConfigException("model.checkpoint", uri, "not valid JSON: "
                            + e.getMessage());
                }
                requireSteps(new Schedulers(json).get(sampler.scheduler()), sampler.steps());
                return;
            }
        }
    }

    private NoiseScheduler build(SchedulerKind kind) {
        return switch (kind) {
            case DDIM -> new DdimScheduler(SchedulerConfig.fromJson(config));
            case DPM_SOLVER_PP -> new DpmSolverScheduler(MultistepConfig.dpmSolver(config));
            case UNIPC -> new UniPcScheduler(MultistepConfig.uniPc(config));
        };
    }
}
