package diffusionsat.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A program run as a user runs it from the project root (a script, python3), with its exit
 * status and what it printed.
 */
public record Command(int exit, String out, String err) {
    private static final long LIMIT_SECONDS = 300;

    /** Runs {@code command} in the project root with {@code environment} added. */
    public static Command run(List<String> command, Map<String, String> environment)
            throws IOException, InterruptedException {
        return run(command, environment, LIMIT_SECONDS);
    }

    /** The same, stopped after {@code limitSeconds} (a JVM with a Spark job on a busy machine). */
    public static Command run(List<String> command, Map<String, String> environment,
            long limitSeconds) throws IOException, InterruptedException {
        Path out = Files.createTempFile("command", ".out");
        Path err = Files.createTempFile("command", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(Fixtures.projectRoot().toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            process.getOutputStream().close();
            if (!process.waitFor(limitSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command + " still running after "
                        + limitSeconds + " s");
            }
            return new Command(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** Whether {@code program} is on the PATH. */
    public static boolean onPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    /** The first line written to standard error ("" when none). */
    public String firstErrorLine() {
        return err.strip().lines().findFirst().orElse("");
    }

    @Override
    public String toString() {
        return "exit " + exit + "\nstdout:\n" + out + "\nstderr:\n" + err;
    }
}
