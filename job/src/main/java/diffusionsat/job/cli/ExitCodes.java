package diffusionsat.job.cli;

/** Exit statuses of the launcher, for schedulers such as Airflow. */
final class ExitCodes {
    static final int OK = 0;
    /** More than job.maxFailedFraction of the tiles failed (their rows say why). */
    static final int TOO_MANY_FAILED_TILES = 1;
    /** Bad command line or configuration; nothing ran. */
    static final int CONFIGURATION = 2;
    /** A failure that is not a tile's fault (storage, checkpoint, Spark). */
    static final int FAILURE = 3;

    private ExitCodes() {}
}
