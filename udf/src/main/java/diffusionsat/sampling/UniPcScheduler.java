package diffusionsat.sampling;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * diffusers' {@code UniPCMultistepScheduler} with the bh2 variant on the data prediction
 * (predict_x0; vendored 0.17; MANIFEST.md fact 17; Zhao et al. 2023). From the second step on the
 * corrector UniC first refines the incoming sample with the new x̂₀, starting again from the
 * previous step's (corrected) input; then the predictor UniP steps to the next timestep. With
 * h = λ_t − λ_s, hh = −h and B(h) = e^{hh} − 1 (bh2), both are
 * x' = (σ_t/σ_s)·x − α_t·(e^{hh} − 1)·m0 − α_t·B(h)·Σ ρ_k·D_k, where the D_k are divided
 * differences of the stored x̂₀: UniP of order 2 uses ρ = ½; UniC of order 1 uses ρ = ½ on
 * D_t = x̂₀(t) − m0, of order 2 solves the 2×2 system R·ρ = b of the paper's Algorithm.
 *
 * <p>Orders: UniP is order 1 at the first step (warm-up) and, with {@code lower_order_final}, at
 * the last; UniC takes the order the previous UniP had. The step after the last timestep goes to
 * timestep 0. Scalars are float32, as torch's 0-d tensors; the 2×2 solve is in double.
 */
public final class UniPcScheduler extends MultistepScheduler {
    /** The solver over {@code config}'s training schedule. */
    public UniPcScheduler(MultistepConfig config) {
        super(config);
    }

    @Override
    public SchedulerKind kind() {
        return SchedulerKind.UNIPC;
    }

    @Override
    public SamplingSchedule withSteps(int steps, NDManager state) {
        return new Schedule(timesteps(steps), state);
    }

    /**
     * One run: the last two x̂₀ with their timesteps ({@code model_outputs}, {@code
     * timestep_list}), the previous step's corrected input ({@code last_sample}) and order.
     */
    private final class Schedule extends Run {
        /** x̂₀ of the previous step (m0 of UniC) and of the one before (m1). */
        private NDArray x0Previous;
        private NDArray x0BeforePrevious;
        private NDArray lastSample;
        private int lastOrder;

        Schedule(int[] timesteps, NDManager state) {
            super(timesteps, state);
        }

        @Override
        SchedulerStep update(int index, NDArray modelOutput, NDArray sample) {
            borrow(sample.getManager());
            int t = timesteps[index];
            NDArray x0 = dataPrediction(modelOutput, t, sample);
            NDArray x = index > 0 ? corrector(x0, index) : sample;
            int order = config().solverOrder();
            if (config().lowerOrderFinal()) {
                order = Math.min(order, timesteps.length - index);
            }
            order = Math.min(order, index + 1); // warm-up: as many x̂₀ as there are
            int target = index == timesteps.length - 1 ? 0 : timesteps[index + 1];
            NDArray prev = predictor(x0, index, target, x, order);
            if (x0BeforePrevious != null) {
                x0BeforePrevious.close();
            }
            if (lastSample != null) {
                lastSample.close();
            }
            // kept for the next steps; the caller frees its input sample
            NDArray kept = x == sample ? sample.duplicate() : x;
            kept.attach(state);
            x0.attach(state);
            x0BeforePrevious = x0Previous;
            x0Previous = x0;
            lastSample = kept;
            lastOrder = order;
            return new SchedulerStep(prev, x0, x);
        }

        /**
         * Lends the kept arrays to the step's manager until it closes, so that what the updates
         * compute from them lands there, not in {@link #state}.
         */
        private void borrow(NDManager step) {
            for (NDArray kept : new NDArray[] {x0Previous, x0BeforePrevious, lastSample}) {
                if (kept != null) {
                    kept.tempAttach(step);
                }
            }
        }

        /** UniP (bh2) from timesteps[index] with x̂₀ {@code m0} to {@code target}. */
        private NDArray predictor(NDArray m0, int index, int target, NDArray x, int order) {
            int s0 = timesteps[index];
            float h = lambda(target) - lambda(s0);
            float hh = -h;
            float phi1 = (float) Math.expm1(hh);
            float bh = phi1; // bh2: B(h) = e^{hh} − 1
            NDArray base = x.mul(sigma(target) / sigma(s0)).sub(m0.mul(alpha(target) * phi1));
            if (order == 1) {
                return base;
            }
            float rk = (lambda(timesteps[index - 1]) - lambda(s0)) / h;
            NDArray d1 = x0Previous.sub(m0).div(rk);
            return base.sub(d1.mul(0.5f).mul(alpha(target) * bh));
        }

        /**
         * UniC (bh2) of order {@link #lastOrder}: corrects the sample at timesteps[index] from
         * the previous input {@link #lastSample} with the new x̂₀ {@code x0}.
         */
        private NDArray corrector(NDArray x0, int index) {
            int t = timesteps[index];
            int s0 = timesteps[index - 1];
            NDArray m0 = x0Previous;
            float h = lambda(t) - lambda(s0);
            float hh = -h;
            float phi1 = (float) Math.expm1(hh);
            float bh = phi1;
            NDArray base = lastSample.mul(sigma(t) / sigma(s0)).sub(m0.mul(alpha(t) * phi1));
            NDArray dt = x0.sub(m0);
            if (lastOrder == 1) {
                return base.sub(dt.mul(0.5f).mul(alpha(t) * bh));
            }
            float rk = (lambda(timesteps[index - 2]) - lambda(s0)) / h;
            NDArray d1 = x0BeforePrevious.sub(m0).div(rk);
            // b_i = h·φ_{i+1}(h)·i! / B(h), with h·φ_1 = e^{hh} − 1 and φ_{k+1} = (φ_k − 1/k!)/hh
            float phiK = phi1 / hh - 1f;
            float b1 = phiK * 1 / bh;
            phiK = phiK / hh - 1f / 2;
            float b2 = phiK * 2 / bh;
            // R = [[1, 1], [rk, 1]]: ρ0 + ρ1 = b1, rk·ρ0 + ρ1 = b2
            float rho0 = (float) (((double) b1 - b2) / (1 - (double) rk));
            float rho1 = (float) (b1 - (double) rho0);
            return base.sub(d1.mul(rho0).add(dt.mul(rho1)).mul(alpha(t) * bh));
        }
    }
}
