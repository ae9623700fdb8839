package diffusionsat.scripts;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import diffusionsat.testing.Command;
import diffusionsat.testing.Fixtures;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * scripts/submit.sh fails fast (issue 16, finding 9): usage without a command, a refusal where
 * the cluster offers no GPU resource (a job asking for one would wait forever), and the header's
 * defaults in the command it builds.
 */
class SubmitScriptTest {
    private static final String SUBMIT = "scripts/submit.sh";

    @Test
    void noArgumentsPrintsUsage() throws IOException, InterruptedException {
        Command run = Command.run(List.of("bash", SUBMIT), Map.of());
        assertAll(run.toString(),
                () -> assertEquals(2, run.exit()),
                () -> assertTrue(run.firstErrorLine().startsWith("usage: scripts/submit.sh")),
                () -> assertFalse(run.err().contains("$root"), "no lines of its own code"));
    }

    @Test
    void aClusterWithoutGpusIsRefusedBeforeSubmitting() throws IOException, InterruptedException {
        Command run = Command.run(List.of("bash", SUBMIT, "--master", "local[2]", "superres",
                "--catalog", "c", "--output", "o"), Map.of());
        assertAll(run.toString(),
                () -> assertEquals(2, run.exit()),
                () -> assertTrue(run.firstErrorLine().contains("offers no \"gpu\" resource"),
                        run.firstErrorLine()),
                () -> assertTrue(run.firstErrorLine().contains("--cpu"), run.firstErrorLine()));
    }

    @Test
    void cpuRunsAskForNoGpuAndUseTheHeadersDefaults() throws IOException, InterruptedException {
        Command run = Command.run(List.of("bash", SUBMIT, "--master", "local[2]", "--cpu",
                "superres", "--catalog", "c", "--output", "o"), Map.of("DRY_RUN", "1",
                "GDAL_JNI_DIR", ""));
        String line = run.out();
        assertAll(run.toString(),
                () -> assertEquals(0, run.exit()),
                () -> assertFalse(line.contains("resource.gpu"), line),
                () -> assertTrue(line.contains("-Djava.library.path=/opt/diffusionsat/gdal-jni"),
                        "the default the usage states"),
                () -> assertTrue(line.contains("--add-opens=java.base/java.nio=ALL-UNNAMED"),
                        "conf/jvm.options"),
                () -> assertTrue(line.strip().endsWith("superres --catalog c --output o"), line));
    }

    @Test
    void aJarOnEveryNodeIsSubmittedAsLocalSoExecutorsFetchNoCopy()
            throws IOException, InterruptedException {
        Command run = Command.run(List.of("bash", SUBMIT, "--master", "spark://127.0.0.1:7077",
                "--cpu", "superres"), Map.of("DRY_RUN", "1", "GDAL_JNI_DIR", "",
                "LOCAL_JAR", "1"));
        String jar = Fixtures.projectRoot().resolve("job/target/diffusionsat.jar").toString();
        assertAll(run.toString(),
                () -> assertEquals(0, run.exit()),
                () -> assertTrue(run.out().strip().endsWith(" local:" + jar + " superres"),
                        run.out()));
    }
}
