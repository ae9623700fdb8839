package diffusionsat.evaluation;

/** A tile's ground truth: found and read, or missing with the reason. */
public sealed interface TargetLookup permits TargetLookup.Found, TargetLookup.Missing {

    /** The target, as RGB in [0, 1] at its own size. */
    record Found(RgbImage image) implements TargetLookup {}

    /** No usable target; metrics that need one are skipped for this reason. */
    record Missing(String reason) implements TargetLookup {}
}
