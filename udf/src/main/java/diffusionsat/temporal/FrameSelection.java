package diffusionsat.temporal;

/**
 * How the conditioning frames of a temporal request are chosen among the usable frames of its
 * sequence ({@link FrameSelector} implements each rule). Upstream draws frames at random during
 * training (DIFFUSIONSAT.md §6, fMoW-temporal); at inference the choice is ours.
 */
public enum FrameSelection {
    /** The frames closest in time to the target, before or after it (ties: the earlier frame). */
    NEAREST,
    /** The latest frames strictly before the target: predicting the future (t′ &lt; t). */
    BEFORE,
    /** The earliest frames strictly after the target: predicting the past (t′ &gt; t). */
    AFTER,
    /**
     * Frames spread evenly by position over the whole sequence, first and last included, whatever
     * the target; with one frame to pick, the nearest.
     */
    EVENLY_SPACED
}
