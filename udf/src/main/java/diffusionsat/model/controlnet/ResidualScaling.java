package diffusionsat.model.controlnet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import diffusionsat.model.unet.AdditionalResiduals;
import java.util.List;

/**
 * How a ControlNet multiplies its residuals before the UNet adds them (controlnet.py {@code
 * forward}, "6. scaling"): all by the forward {@code conditioning_scale}, or in guess mode by
 * logspace(−1, 0, n + 1)·conditioning_scale, rising from 0.1 at the first skip to 1 at the mid
 * block. Not to be confused with the config's integer {@code conditioning_scale}.
 *
 * @param conditioningScale the forward multiplier (1 by default upstream)
 * @param guessMode whether the multiplier rises over the skips
 */
public record ResidualScaling(float conditioningScale, boolean guessMode) {
    /** Rejects a multiplier that is not a finite number. */
    public ResidualScaling {
        if (!Float.isFinite(conditioningScale)) {
            throw new IllegalArgumentException("conditioning scale " + conditioningScale);
        }
    }

    /** Every residual times {@code conditioningScale} (guess mode off, as in every pipeline). */
    public static ResidualScaling uniform(float conditioningScale) {
        return new ResidualScaling(conditioningScale, false);
    }

    /**
     * The multiplier of residual {@code index} out of {@code downCount} down residuals; index
     * {@code downCount} is the mid block's.
     */
    public float factor(int index, int downCount) {
        if (!guessMode) {
            return conditioningScale;
        }
        // torch.logspace(-1, 0, n + 1)[index] = 10^(−1 + index / n), then × conditioning_scale
        float logspace = (float) Math.pow(10, -1 + (double) index / downCount);
        return logspace * conditioningScale;
    }

    /**
     * Scales the residuals.
     *
     * @param down the down residuals, in skip order
     * @param mid the mid-block residual
     * @return new arrays: the scaled down residuals, then the scaled mid residual
     */
    public NDList apply(List<NDArray> down, NDArray mid) {
        NDList scaled = new NDList();
        for (int i = 0; i < down.size(); i++) {
            scaled.add(down.get(i).mul(factor(i, down.size())));
        }
        scaled.add(mid.mul(factor(down.size(), down.size())));
        return scaled;
    }

    /** The residuals of {@link #apply}'s result, in the form SatUNet takes them. */
    public static AdditionalResiduals split(NDList scaled) {
        int last = scaled.size() - 1;
        return new AdditionalResiduals(scaled.subList(0, last), scaled.get(last));
    }
}
