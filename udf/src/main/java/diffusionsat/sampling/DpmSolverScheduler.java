package diffusionsat.sampling;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * diffusers' {@code DPMSolverMultistepScheduler} with algorithm dpmsolver++ and the midpoint
 * second-order update (vendored 0.17; MANIFEST.md fact 16): the solver of Lu et al. 2022 on the
 * data prediction x̂₀. With h = λ_s' − λ_s from timestep s to s':
 * <ul>
 *   <li>first order: x' = (σ_s'/σ_s)·x − α_s'·(e^{−h} − 1)·x̂₀;
 *   <li>second order with the previous x̂₀ (m1 at s1): D0 = m0, D1 = (m0 − m1)/r0,
 *       r0 = (λ_s − λ_s1)/h, x' = (σ_s'/σ_s)·x − α_s'(e^{−h} − 1)·D0 − ½·α_s'(e^{−h} − 1)·D1.
 * </ul>
 * The first step is first order (no earlier x̂₀), and with {@code lower_order_final} below 15
 * steps so is the last. The step after the last timestep goes to timestep 0 (α_0, σ_0 ≈ 0.029),
 * not to a noise-free final α. Scalars are float32, as torch's 0-d tensors.
 */
public final class DpmSolverScheduler extends MultistepScheduler {
    /** diffusers applies lower_order_final only to runs shorter than this. */
    private static final int LOWER_ORDER_FINAL_BELOW = 15;

    /** The solver over {@code config}'s training schedule. */
    public DpmSolverScheduler(MultistepConfig config) {
        super(config);
    }

    @Override
    public SchedulerKind kind() {
        return SchedulerKind.DPM_SOLVER_PP;
    }

    @Override
    public SamplingSchedule withSteps(int steps, NDManager state) {
        return new Schedule(timesteps(steps), state);
    }

    /** One run: remembers the previous step's x̂₀ (diffusers' {@code model_outputs}). */
    private final class Schedule extends Run {
        private NDArray previousX0;

        Schedule(int[] timesteps, NDManager state) {
            super(timesteps, state);
        }

        @Override
        SchedulerStep update(int index, NDArray modelOutput, NDArray sample) {
            int s = timesteps[index];
            boolean last = index == timesteps.length - 1;
            int target = last ? 0 : timesteps[index + 1];
            boolean lowerOrderFinal = last && config().lowerOrderFinal()
                    && timesteps.length < LOWER_ORDER_FINAL_BELOW;
            NDArray x0 = dataPrediction(modelOutput, s, sample);
            NDArray prev = config().solverOrder() == 1 || previousX0 == null || lowerOrderFinal
                    ? firstOrder(x0, s, target, sample)
                    : secondOrder(x0, previousX0, timesteps[index - 1], s, target, sample);
            if (previousX0 != null) {
                previousX0.close();
            }
            x0.attach(state); // the next step's m1
            previousX0 = x0;
            return new SchedulerStep(prev, x0, sample);
        }

        /** DPM-Solver++(1), i.e. DDIM in λ: from s to t with x̂₀ alone. */
        private NDArray firstOrder(NDArray x0, int s, int t, NDArray sample) {
            float h = lambda(t) - lambda(s);
            float phi = (float) Math.exp(-h) - 1f;
            return sample.mul(sigma(t) / sigma(s)).sub(x0.mul(alpha(t) * phi));
        }

        /** Multistep DPM-Solver++(2M), midpoint: m0 at s0, m1 at the earlier s1. */
        private NDArray secondOrder(NDArray m0, NDArray m1, int s1, int s0, int t,
                NDArray sample) {
            float h = lambda(t) - lambda(s0);
            float h0 = lambda(s0) - lambda(s1);
            float r0 = h0 / h;
            float phi = (float) Math.exp(-h) - 1f;
            NDArray d1 = m0.sub(m1).mul(1f / r0);
            return sample.mul(sigma(t) / sigma(s0)).sub(m0.mul(alpha(t) * phi))
                    .sub(d1.mul(0.5f * (alpha(t) * phi)));
        }
    }
}
