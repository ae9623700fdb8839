package diffusionsat.temporal;

/** What predicts a temporal request's image. */
public enum TemporalModel {
    /** {@link NearestFrameGenerator}: the persistence baseline. */
    NEAREST_FRAME,
    /** The fMoW-temporal 3D ControlNet pipeline of the configured checkpoint. */
    DIFFUSIONSAT
}
