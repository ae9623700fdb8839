package diffusionsat.job;

import diffusionsat.io.ConfigException;
import diffusionsat.io.storage.OutputNames;

/**
 * One run's output folder, {@code <output>/<job>/<run-id>/} (DESIGN.md §3); what an earlier
 * attempt with the same run id finished there is read from its records ({@link RunRecords}).
 */
public final class RunFolder {
    private final String root;
    private final String job;
    private final String runId;

    /** A {@link ConfigException} naming {@code --run-id} when the id cannot name a folder. */
    public RunFolder(String output, String job, String runId) {
        OutputNames.folderProblem(runId).ifPresent(problem -> {
            throw new ConfigException("--run-id", runId, problem);
        });
        this.root = stripSlash(output) + "/" + job + "/" + runId;
        this.job = job;
        this.runId = runId;
    }

    public String job() {
        return job;
    }

    public String runId() {
        return runId;
    }

    public String root() {
        return root;
    }

    public String tiles() {
        return root + "/tiles";
    }

    /** Generated images and their JSON sidecars ({@code generate}). */
    public String images() {
        return root + "/images";
    }

    public String results() {
        return root + "/results";
    }

    public String metrics() {
        return root + "/metrics";
    }

    public String summary() {
        return root + "/summary";
    }

    public String success() {
        return root + "/_SUCCESS";
    }

    private static String stripSlash(String uri) {
        return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
    }
}
