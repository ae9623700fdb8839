package diffusionsat.job.evaluate;

import diffusionsat.io.storage.Storage;
import java.util.Optional;

/**
 * Finds the evaluation run a new one is compared with: the one named, or else the latest earlier
 * finished run beside it ({@code <output>/evaluate/<run-id>} with {@code _SUCCESS}) of the same
 * task and catalogue ({@link EvaluationProvenance}), "latest" meaning the greatest run id that
 * sorts before this one. Run ids made from dates (the default {@code yyyyMMdd-HHmmss}, the
 * nightly {@code nightly-yyyyMMdd}) sort by time.
 */
final class PreviousRun {
    private PreviousRun() {}

    /**
     * @param named an evaluation run folder given on the command line, or null
     * @param evaluateFolder {@code <output>/evaluate}
     * @param runId this run's id
     * @param current what this run evaluates
     * @return the previous run's folder
     */
    static Optional<String> find(Storage storage, String named, String evaluateFolder,
            String runId, EvaluationProvenance current) {
        if (named != null) {
            return Optional.of(stripSlash(named));
        }
        if (!storage.exists(evaluateFolder)) {
            return Optional.empty();
        }
        return storage.childNames(evaluateFolder).stream()
                .filter(name -> name.compareTo(runId) < 0)
                .filter(name -> storage.exists(evaluateFolder + "/" + name + "/_SUCCESS"))
                .filter(name -> EvaluationProvenance.read(storage, evaluateFolder + "/" + name)
                        .map(current::comparableWith).orElse(false))
                .max(String::compareTo)
                .map(name -> evaluateFolder + "/" + name);
    }

    private static String stripSlash(String uri) {
        return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
    }
}
