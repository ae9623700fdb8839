package diffusionsat.job.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's contract: --help everywhere, configuration errors before Spark starts. */
class MainTest {

    @ParameterizedTest(name = "{0} --help")
    @ValueSource(strings = {"catalog", "superres", "generate", "make-checkpoint", "evaluate"})
    void everyCommandHasHelp(String command) {
        String out = captureStdout(() -> assertEquals(0, Main.run(command, "--help")));
        assertTrue(out.contains("Usage: diffusionsat " + command), out);
    }

    @Test
    void configurationErrorsExitWithTwoBeforeSparkStarts(@TempDir Path dir) {
        String err = captureStderr(() -> assertEquals(2, Main.run("superres",
                "--catalog", dir.toString(), "--output", dir.toString(),
                "--set", "superres.scale=0")));
        String missing = captureStderr(() -> assertEquals(2, Main.run("superres",
                "--catalog", dir.resolve("absent").toString(), "--output", dir.toString())));
        assertAll(
                () -> assertTrue(err.contains("superres.scale"), err),
                () -> assertTrue(missing.contains("--catalog") && missing.contains("does not exist"), missing),
                () -> assertTrue(SparkSession.getActiveSession().isEmpty(), "no Spark session started"));
    }

    private static String captureStdout(Runnable action) {
        return capture(action, false);
    }

    private static String captureStderr(Runnable action) {
        return capture(action, true);
    }

    private static String capture(Runnable action, boolean stderr) {
        PrintStream original = stderr ? System.err : System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream replacement = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        if (stderr) {
            System.setErr(replacement);
        } else {
            System.setOut(replacement);
        }
        try {
            action.run();
        } finally {
            if (stderr) {
                System.setErr(original);
            } else {
                System.setOut(original);
            }
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }
}
