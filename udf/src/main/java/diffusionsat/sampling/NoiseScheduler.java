package diffusionsat.sampling;

import ai.djl.ndarray.NDManager;

/**
 * A diffusion scheduler before its step count is fixed (diffusers' scheduler object before
 * {@code set_timesteps}): DDIM, DPM-Solver++ or UniPC over the checkpoint's training schedule.
 */
public interface NoiseScheduler {
    /** Which scheduler this is. */
    SchedulerKind kind();

    /** The training timesteps n ({@code num_train_timesteps}); inference steps are at most n. */
    int trainSteps();

    /** The most inference steps this scheduler's spacing allows; {@link #trainSteps} here. */
    default int maxSteps() {
        return trainSteps();
    }

    /**
     * A fresh schedule of {@code steps} inference steps ({@code set_timesteps}): one per sampling
     * run, since multistep solvers carry state from step to step.
     *
     * @param state receives the arrays a multistep solver keeps between steps; the caller closes
     *     it after the run
     * @throws IllegalArgumentException when {@code steps} is not in [1, {@link #trainSteps()}]
     */
    SamplingSchedule withSteps(int steps, NDManager state);

    /** {@code steps} in [1, trainSteps], else an error naming both. */
    static void requireSteps(int steps, int trainSteps) {
        if (steps < 1 || steps > trainSteps) {
            throw new IllegalArgumentException(
                    "inference steps " + steps + " must be in [1, " + trainSteps + "]");
        }
    }
}
