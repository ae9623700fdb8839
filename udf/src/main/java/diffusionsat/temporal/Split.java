package diffusionsat.temporal;

import java.time.Instant;
import java.util.List;

/**
 * Where a prediction's conditioning frames lie in time relative to its target t, as the paper's
 * fMoW-temporal table splits its results: every frame after the target (t′ &gt; t) predicts the
 * past, every frame before it (t′ &lt; t) predicts the future, a mix lies between.
 */
public enum Split {
    PAST,
    FUTURE,
    BETWEEN;

    /** The split of conditioning frames at {@code frameTimes} (none on the target's day). */
    public static Split of(List<Instant> frameTimes, Instant target) {
        boolean anyBefore = frameTimes.stream().anyMatch(t -> t.isBefore(target));
        boolean anyAfter = frameTimes.stream().anyMatch(t -> t.isAfter(target));
        if (anyBefore && anyAfter) {
            return BETWEEN;
        }
        return anyAfter ? PAST : FUTURE;
    }

    /** The lower-case name written into result and metric rows. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
