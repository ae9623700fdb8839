package diffusionsat.sampling;

import diffusionsat.io.ConfigException;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The samplers {@code sampler.scheduler} chooses among (DIFFUSIONSAT.md §4.2, MANIFEST.md facts
 * 16-17). Each is built from the checkpoint's {@code scheduler/} config as diffusers'
 * {@code from_config} does, whatever scheduler class that config was written for.
 */
public enum SchedulerKind {
    /** diffusers' DDIMScheduler, eta 0 (DiffusionSat's notebooks; SD 2.1 ships it). */
    DDIM("ddim"),
    /** DPMSolverMultistepScheduler, algorithm dpmsolver++, solver order 2, midpoint. */
    DPM_SOLVER_PP("dpmsolver++"),
    /** UniPCMultistepScheduler, bh2, predict_x0, order 2 (upstream's ControlNet validation). */
    UNIPC("unipc");

    private final String label;

    SchedulerKind(String label) {
        this.label = label;
    }

    /** The name in configuration files, result rows and sidecars. */
    public String label() {
        return label;
    }

    /** The kind named {@code label}, else a {@link ConfigException} naming {@code key}. */
    public static SchedulerKind parse(String key, String label) {
        String wanted = label == null ? "" : label.trim();
        return Arrays.stream(values()).filter(k -> k.label.equals(wanted)).findFirst()
                .orElseThrow(() -> new ConfigException(key, label, "must be one of "
                        + Arrays.stream(values()).map(SchedulerKind::label)
                                .collect(Collectors.joining(" | "))));
    }

    @Override
    public String toString() {
        return label;
    }
}
