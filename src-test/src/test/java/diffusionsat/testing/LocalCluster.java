package diffusionsat.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A Spark standalone cluster on loopback for one test class, started and stopped through
 * scripts/local-cluster.sh as a user would, with jobs submitted through scripts/submit.sh (the
 * build's own SparkSubmit): each executor is a JVM of its own, child of its worker's JVM.
 * Register it as a static {@code @RegisterExtension} field; it is stopped after the class, also
 * when starting failed half-way.
 */
public final class LocalCluster implements BeforeAllCallback, AfterAllCallback {
    private static final String CLUSTER = "scripts/local-cluster.sh";
    private static final String SUBMIT = "scripts/submit.sh";
    private static final String EXECUTOR_CLASS = "CoarseGrainedExecutorBackend";

    private final int workers;
    private Path state;
    private String masterUrl;

    /** {@code workers} workers of one core each. */
    public LocalCluster(int workers) {
        this.workers = workers;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException, InterruptedException {
        state = Files.createTempDirectory("local-cluster");
        Command started = Command.run(List.of("bash", CLUSTER, "start",
                "--workers", String.valueOf(workers), "--cores", "1", "--memory", "1g",
                "--port", String.valueOf(freePort()), "--ui-port", String.valueOf(freePort())),
                environment());
        if (started.exit() != 0) {
            throw new IllegalStateException("the cluster did not start: " + started);
        }
        masterUrl = started.out().strip();
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException, InterruptedException {
        if (state != null) {
            Command stopped = Command.run(List.of("bash", CLUSTER, "stop"), environment());
            if (stopped.exit() != 0) {
                throw new IllegalStateException("the cluster did not stop: " + stopped);
            }
            deleteRecursively(state);                // pid files, logs, executors' jar copies
        }
    }

    public String masterUrl() {
        return masterUrl;
    }

    /** Submits {@code job} and waits up to {@code seconds} for its driver to end. */
    public Finished submit(List<String> sparkConf, Path log, long seconds, String... job)
            throws IOException, InterruptedException {
        try (Driver driver = start(sparkConf, log, job)) {
            return new Finished(driver.waitFor(seconds), driver.output());
        }
    }

    /** A driver's exit status and what it printed. */
    public record Finished(int exit, String output) {}

    /** Submits {@code job} in the background: the returned process is the driver's JVM. */
    public Driver start(List<String> sparkConf, Path log, String... job) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(submitCommand(job))
                .directory(Fixtures.projectRoot().toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(submitEnvironment(sparkConf));
        Process process = builder.start();
        process.getOutputStream().close();
        return new Driver(process, log);
    }

    /** The executor JVMs running now (children of the workers' JVMs). */
    public List<ProcessHandle> executors() {
        List<ProcessHandle> executors = new ArrayList<>();
        for (int i = 1; i <= workers; i++) {
            Optional<ProcessHandle> worker = pid(state.resolve("worker-" + i + ".pid"))
                    .flatMap(ProcessHandle::of);
            worker.ifPresent(w -> w.children()
                    .filter(c -> c.info().commandLine().orElse("").contains(EXECUTOR_CLASS))
                    .forEach(executors::add));
        }
        return executors;
    }

    /**
     * What the executors written to since {@code since} wrote to stderr (Spark's INFO log: tasks
     * and their attempts).
     */
    public String executorLogs(Instant since) {
        StringBuilder logs = new StringBuilder();
        try (Stream<Path> files = Files.walk(state)) {
            for (Path file : files.filter(f -> f.getFileName().toString().equals("stderr"))
                    .filter(f -> modifiedSince(f, since)).sorted().toList()) {
                logs.append(Files.readString(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return logs.toString();
    }

    /** A driver submitted in the background and its output; closing it kills it if alive. */
    public record Driver(Process process, Path log) implements AutoCloseable {
        /** Waits for the driver to end; its exit status. */
        public int waitFor(long seconds) throws InterruptedException {
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                kill();
                throw new IllegalStateException("driver still running after " + seconds
                        + " s:\n" + output());
            }
            return process.exitValue();
        }

        /** SIGKILL, as a lost node or the OOM killer ends it: no shutdown hook runs. */
        public void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor();
        }

        /** The driver's output so far. */
        public String output() {
            try {
                return Files.readString(log);
            } catch (IOException e) {
                return "(no driver log: " + e.getMessage() + ")";
            }
        }

        /** A test that failed early leaves no driver holding the cluster's cores. */
        @Override
        public void close() throws InterruptedException {
            if (process.isAlive()) {
                kill();
            }
        }
    }

    /** Polls {@code condition} every 50 ms up to {@code seconds}; whether it came true. */
    public static boolean await(BooleanSupplier condition, long seconds)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(50);
        }
        return condition.getAsBoolean();
    }

    private List<String> submitCommand(String... job) {
        return Stream.concat(Stream.of("bash", SUBMIT, "--master", masterUrl, "--cpu"),
                Stream.of(job)).toList();
    }

    private Map<String, String> environment() {
        return Map.of("DIFFUSIONSAT_CLUSTER_DIR", state.toString());
    }

    /**
     * Small executors (one per worker), the build's own spark-submit, GDAL's bindings here, the
     * jar where the build left it.
     */
    private Map<String, String> submitEnvironment(List<String> sparkConf) {
        Map<String, String> env = new HashMap<>(environment());
        env.put("GDAL_JNI_DIR", System.getProperty("java.library.path"));
        env.put("SPARK_SUBMIT", "");
        env.put("LOCAL_JAR", "1");                 // the workers are on this machine
        env.put("EXECUTOR_CORES", "1");
        env.put("EXECUTOR_MEMORY", "768m");
        env.put("DRIVER_MEMORY", "1g");
        env.put("EXTRA_CONF", String.join(" ", sparkConf));
        return env;
    }

    private static Optional<Long> pid(Path file) {
        try {
            return Files.exists(file) ? Optional.of(Long.parseLong(Files.readString(file).strip()))
                    : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean modifiedSince(Path file, Instant since) {
        try {
            return Files.getLastModifiedTime(file).toInstant().isAfter(since);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
