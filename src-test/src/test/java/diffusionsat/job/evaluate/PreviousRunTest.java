package diffusionsat.job.evaluate;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import diffusionsat.io.storage.Storage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "The previous run" (issue 16, finding 7): the latest earlier finished evaluation of the same
 * task and catalogue, not whichever run id sorts just before.
 */
class PreviousRunTest {
    private static final Storage STORAGE = Storage.local();

    @Test
    void theLatestEarlierRunOfTheSameTaskAndCatalogue(@TempDir Path dir) throws IOException {
        String evaluate = dir.resolve("evaluate").toString();
        finished(dir, "20260101-000000", "superres", "cat1");
        finished(dir, "20260102-000000", "temporal", "cat1");   // another task
        finished(dir, "20260103-000000", "superres", "cat2");   // another catalogue
        Files.createDirectories(dir.resolve("evaluate/20260104-000000")); // unfinished
        finished(dir, "20260109-000000", "superres", "cat1");   // later than this run
        EvaluationProvenance current = new EvaluationProvenance("superres", "out/superres/x",
                "cat1");
        assertAll(
                () -> assertEquals(Optional.of(evaluate + "/20260101-000000"), PreviousRun.find(
                        STORAGE, null, evaluate, "20260105-000000", current)),
                () -> assertEquals(Optional.of("named/run"), PreviousRun.find(STORAGE,
                        "named/run/", evaluate, "20260105-000000", current)),
                () -> assertEquals(Optional.empty(), PreviousRun.find(STORAGE, null, evaluate,
                        "20260101-000000", current)));
    }

    private static void finished(Path dir, String runId, String task, String catalog)
            throws IOException {
        Path run = Files.createDirectories(dir.resolve("evaluate").resolve(runId));
        new EvaluationProvenance(task, "out/" + task + "/r", catalog).write(STORAGE,
                run.toString());
        Files.writeString(run.resolve("_SUCCESS"), "");
    }
}
