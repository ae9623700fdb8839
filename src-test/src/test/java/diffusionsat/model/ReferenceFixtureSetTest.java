package diffusionsat.model;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import diffusionsat.testing.Fixtures;
import diffusionsat.testing.ReferenceCase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

/** The parity suite fails on an incomplete fixture set instead of passing with nothing run. */
class ReferenceFixtureSetTest {
    private static final String STATUS = "# set\n\n## Status\n\n| case | status |\n|---|---|\n";

    @TempDir
    Path root;

    @Test
    void theSharedFixtureSetIsComplete() {
        assertDoesNotThrow(() -> ReferenceParityTest.requireCompleteFixtureSet(
                Fixtures.reference()));
    }

    @Test
    void aMissingRootFails() {
        assertFails(root.resolve("absent"), "no reference fixtures");
    }

    @Test
    void anEmptyRootFails() throws IOException {
        Files.writeString(root.resolve("MANIFEST.md"), STATUS);
        assertFails(root, "holds 0 case folders");
    }

    @Test
    void aStatusCaseWithoutItsFolderFails() throws IOException {
        Files.writeString(root.resolve("MANIFEST.md"), STATUS + "| a | OK |\n| b | OK |\n");
        caseFolder("a_model");
        assertFails(root, "Status case b: 0 folders b_*");
    }

    @Test
    void aFolderOutsideTheStatusTableOrWithoutCaseJsonFails() throws IOException {
        Files.writeString(root.resolve("MANIFEST.md"), STATUS + "| a | OK |\n");
        caseFolder("a_model");
        Files.createDirectory(root.resolve("z_new"));
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> ReferenceParityTest.requireCompleteFixtureSet(root));
        assertTrue(e.getMessage().contains("z_new is not in MANIFEST.md's Status table")
                && e.getMessage().contains("z_new has no case.json"), e.getMessage());
    }

    @Test
    void aCaseNoRunnerTakesFails() throws Exception {
        Path dir = caseFolder("q_unknown");
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> ReferenceParityTest.run(ReferenceCase.open(dir)));
        assertTrue(e.getMessage().contains("q_unknown: no runner"), e.getMessage());
    }

    private Path caseFolder(String name) throws IOException {
        Path dir = Files.createDirectory(root.resolve(name));
        Files.writeString(dir.resolve("case.json"), "{\"upstream_call\": \"f(x)\"}");
        return dir;
    }

    private static void assertFails(Path fixtures, String message) {
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> ReferenceParityTest.requireCompleteFixtureSet(fixtures));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }
}
