package diffusionsat.sampling;

import ai.djl.ndarray.NDArray;

/**
 * A scheduler with its step count fixed: the timesteps, highest first, and the update from one to
 * the next. Steps must be taken in order, once each (multistep solvers remember earlier ones).
 */
public interface SamplingSchedule {
    /** The timesteps in sampling order, highest first (a copy). */
    int[] timesteps();

    /**
     * The update at step {@code index} (timestep {@code timesteps()[index]}) to the next
     * timestep, or to the end after the last.
     *
     * @param modelOutput (B, C, h, w) the network's prediction at this step (v for SD 2.1)
     * @param sample (B, C, h, w) the current latents
     */
    SchedulerStep advance(int index, NDArray modelOutput, NDArray sample);
}
