package diffusionsat.job.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import diffusionsat.sampling.CheckpointPreset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's contract: --help everywhere, configuration errors before Spark starts. */
class MainTest {

    @ParameterizedTest(name = "{0} --help")
    @ValueSource(strings = {"catalog", "superres", "generate", "make-checkpoint", "evaluate",
        "inpaint", "temporal", "sequence"})
    void everyCommandHasHelp(String command) {
        String out = captureStdout(() -> assertEquals(0, Main.run(command, "--help")));
        assertTrue(out.contains("Usage: diffusionsat " + command), out);
    }

    /** Which of the input options each job command shows: a catalogue, a request table or both. */
    @ParameterizedTest(name = "{0}: --catalog {1}, --requests {2}")
    @CsvSource({"superres, true, false", "evaluate, true, false", "inpaint, true, false",
        "temporal, true, true", "generate, false, true", "sequence, false, true"})
    void commandsTakeTheInputsTheyRead(String command, boolean catalog, boolean requests) {
        String out = captureStdout(() -> assertEquals(0, Main.run(command, "--help")));
        assertAll(
                () -> assertEquals(catalog, out.contains("--catalog="), out),
                () -> assertEquals(catalog, out.contains("--where="), out),
                () -> assertEquals(requests, out.contains("--requests="), out));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"generate", "sequence"})
    void requestTableJobsNeedRequestsAndRefuseACatalog(String command, @TempDir Path dir) {
        String withoutRequests = captureStderr(() -> assertEquals(2, Main.run(command,
                "--output", dir.toString())));
        String withCatalog = captureStderr(() -> assertEquals(2, Main.run(command,
                "--catalog", dir.toString(), "--requests", dir.toString(),
                "--output", dir.toString())));
        assertAll(
                () -> assertTrue(withoutRequests.contains("--requests"), withoutRequests),
                () -> assertTrue(withCatalog.contains("Unknown options: '--catalog'"),
                        withCatalog));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"generate, ''", "sequence, temporal"})
    void anAbsentRequestTableFailsBeforeSparkStarts(String command, String controlnet,
            @TempDir Path dir) throws IOException {
        Path checkpoint = CheckpointSkeleton.write(dir.resolve("checkpoint"), controlnet);
        String err = captureStderr(() -> assertEquals(2, Main.run(command,
                "--requests", dir.resolve("absent.csv").toString(), "--output", dir.toString(),
                "--set", "model.checkpoint=" + checkpoint)));
        assertAll(
                () -> assertTrue(err.contains("--requests") && err.contains("absent.csv")
                        && err.contains("does not exist"), err),
                () -> assertTrue(SparkSession.getActiveSession().isEmpty(), "no Spark session"));
    }

    @Test
    void samplerSettingsTheCheckpointsSchedulerCannotTakeFailBeforeSparkStarts(@TempDir Path dir)
            throws IOException {
        Path checkpoint = CheckpointSkeleton.write(dir.resolve("checkpoint"), "");
        Files.writeString(checkpoint.resolve("scheduler/scheduler_config.json"),
                CheckpointPreset.schedulerConfig().put("num_train_timesteps", 10).toString());
        String tooMany = captureStderr(() -> assertEquals(2, Main.run("generate",
                "--requests", dir.resolve("r.csv").toString(), "--output", dir.toString(),
                "--set", "model.checkpoint=" + checkpoint, "--set", "sampler.steps=20",
                "--set", "sampler.scheduler=dpmsolver++")));
        String unknown = captureStderr(() -> assertEquals(2, Main.run("generate",
                "--requests", dir.resolve("r.csv").toString(), "--output", dir.toString(),
                "--set", "model.checkpoint=" + checkpoint, "--set", "sampler.scheduler=euler")));
        assertAll(
                () -> assertTrue(tooMany.contains("sampler.steps = 20")
                        && tooMany.contains("[1, 10]"), tooMany),
                () -> assertTrue(unknown.contains("sampler.scheduler = euler")
                        && unknown.contains("ddim | dpmsolver++ | unipc"), unknown),
                () -> assertTrue(SparkSession.getActiveSession().isEmpty(), "no Spark session"));
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
        return CliRun.capture(action, false);
    }

    private static String captureStderr(Runnable action) {
        return CliRun.capture(action, true);
    }
}
