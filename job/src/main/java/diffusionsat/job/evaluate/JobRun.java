package diffusionsat.job.evaluate;

import diffusionsat.io.ConfigException;

/**
 * The run of a tile job that an evaluation reads, {@code <output>/<job>/<run-id>} (DESIGN.md §3):
 * its task is the job's name, the folder above the run id.
 */
public record JobRun(String root, String task, String runId) {

    /** Parses a run folder URI; the task and run id are its last two path segments. */
    public static JobRun of(String uri) {
        String root = uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
        String[] segments = root.split("/");
        if (segments.length < 2 || segments[segments.length - 1].isEmpty()
                || segments[segments.length - 2].isEmpty()) {
            throw new ConfigException("--results", uri, "must be a job run folder "
                    + "<output>/<job>/<run-id>");
        }
        return new JobRun(root, segments[segments.length - 2], segments[segments.length - 1]);
    }

    public String results() {
        return root + "/results";
    }
}
