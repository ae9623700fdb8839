package diffusionsat.job.evaluate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import diffusionsat.io.storage.Storage;
import java.io.IOException;
import java.util.Optional;

/**
 * What an evaluation run evaluated ({@code <run>/evaluation.json}): the task, the results run and
 * the catalogue, so that a rerun of a finished run id is recognised and "the previous run" is one
 * of the same task and catalogue.
 */
record EvaluationProvenance(String task, String results, String catalog) {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String FILE = "evaluation.json";

    void write(Storage storage, String runRoot) {
        ObjectNode json = JSON.createObjectNode();
        json.put("task", task).put("results", results).put("catalog", catalog);
        storage.writeString(runRoot + "/" + FILE, json.toPrettyString() + "\n");
    }

    /** The provenance of a run folder, empty where it has none (an older or unfinished run). */
    static Optional<EvaluationProvenance> read(Storage storage, String runRoot) {
        String uri = runRoot + "/" + FILE;
        if (!storage.exists(uri)) {
            return Optional.empty();
        }
        try {
            JsonNode json = JSON.readTree(storage.readAllBytes(uri));
            return Optional.of(new EvaluationProvenance(json.path("task").asText(),
                    json.path("results").asText(), json.path("catalog").asText()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Whether another run evaluated the same task on the same catalogue. */
    boolean comparableWith(EvaluationProvenance other) {
        return task.equals(other.task) && catalog.equals(other.catalog);
    }
}
