package diffusionsat.job.cli;

import diffusionsat.io.ConfigException;
import diffusionsat.io.StorageException;
import diffusionsat.io.json.DiffusersJson;
import diffusionsat.io.storage.Storage;
import diffusionsat.sampling.SchedulerConfig;
import java.io.IOException;

/**
 * {@code sampler.steps} against the checkpoint's scheduler, before Spark starts: otherwise a
 * step count the schedule cannot take (1000 on SD 2.1's, whose first timestep would be 1000)
 * passes the settings and throws in every executor.
 */
final class SamplerStepsCheck {
    /** diffusers' name for the file, then the older one (PipelineLoader reads them alike). */
    private static final String[] FILES = {"scheduler/scheduler_config.json",
        "scheduler/config.json"};

    private SamplerStepsCheck() {}

    /** A {@link ConfigException} naming sampler.steps and the range the checkpoint allows. */
    static void require(Storage storage, String checkpoint, int steps) {
        if (checkpoint == null || checkpoint.isBlank()) {
            return;                                            // the job reports it missing
        }
        for (String file : FILES) {
            String uri = checkpoint + "/" + file;
            if (storage.exists(uri)) {
                schedulerOf(storage, uri).requireSteps(steps);
                return;
            }
        }
        // No scheduler config: the pipeline loader reports the incomplete checkpoint.
    }

    private static SchedulerConfig schedulerOf(Storage storage, String uri) {
        try {
            return SchedulerConfig.fromJson(DiffusersJson.MAPPER.readTree(
                    storage.readAllBytes(uri)));
        } catch (IOException e) {
            throw new ConfigException("model.checkpoint", uri, "is not valid JSON: "
                    + e.getMessage());
        } catch (StorageException e) {
            throw new ConfigException("model.checkpoint", uri, "cannot be read: "
                    + e.getMessage());
        }
    }
}
