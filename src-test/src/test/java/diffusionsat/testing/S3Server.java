package diffusionsat.testing;

import diffusionsat.io.storage.Storage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3-compatible server (s3proxy, filesystem backend) on 127.0.0.1 in its own JVM, started
 * once per test JVM and stopped at exit. Buckets are created with the AWS SDK, as S3A never
 * creates them.
 */
public final class S3Server {
    public static final String ACCESS_KEY = "test-access";
    public static final String SECRET_KEY = "test-secret-key";
    private static S3Server instance;

    private final int port;
    private final Process process;

    private S3Server(int port, Process process) {
        this.port = port;
        this.process = process;
    }

    /** The shared server of this JVM. */
    public static synchronized S3Server get() {
        if (instance == null) {
            instance = start();
            Runtime.getRuntime().addShutdownHook(new Thread(instance::stop));
        }
        return instance;
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** The configuration keys ({@code --set}) that point a job at this server. */
    public Map<String, String> jobSettings() {
        return Map.of("s3a.endpoint", endpoint(), "s3a.region", "us-east-1",
                "s3a.pathStyleAccess", "true", "s3a.sslEnabled", "false",
                "s3a.accessKey", ACCESS_KEY, "s3a.secretKey", SECRET_KEY);
    }

    /** The same as raw Hadoop settings. */
    public Map<String, String> hadoopSettings() {
        return Map.of("fs.s3a.endpoint", endpoint(), "fs.s3a.endpoint.region", "us-east-1",
                "fs.s3a.path.style.access", "true", "fs.s3a.connection.ssl.enabled", "false",
                "fs.s3a.access.key", ACCESS_KEY, "fs.s3a.secret.key", SECRET_KEY,
                "fs.s3a.aws.credentials.provider",
                "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
    }

    public void createBucket(String name) {
        try (S3Client s3 = S3Client.builder()
                .endpointOverride(URI.create(endpoint()))
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .build()) {
            s3.createBucket(b -> b.bucket(name));
        }
    }

    /** Uploads every file under {@code folder} to {@code uriPrefix} + its relative path. */
    public void upload(Path folder, String uriPrefix) {
        Storage storage = Storage.of(hadoopSettings());
        try (var files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                storage.publish(file, uriPrefix + folder.relativize(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static S3Server start() {
        try {
            Path base = Files.createTempDirectory("s3proxy-data");
            int port = freePort();
            Path properties = base.resolveSibling(base.getFileName() + ".properties");
            Files.writeString(properties, String.join("\n",
                    "s3proxy.endpoint=http://127.0.0.1:" + port,
                    "s3proxy.authorization=aws-v2-or-v4",
                    "s3proxy.identity=" + ACCESS_KEY,
                    "s3proxy.credential=" + SECRET_KEY,
                    "jclouds.provider=filesystem",
                    "jclouds.filesystem.basedir=" + base,
                    ""));
            String jar = System.getProperty("s3proxy.jar", "target/s3proxy/s3proxy.jar");
            Path log = base.resolveSibling(base.getFileName() + ".log");
            Process process = new ProcessBuilder(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx512m", "-jar", jar, "--properties", properties.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            awaitPort(port, process, log);
            return new S3Server(port, process);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start s3proxy", e);
        }
    }

    private static void awaitPort(int port, Process process, Path log) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("s3proxy exited: " + Files.readString(log));
            }
            try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException notYet) {
                sleep(100);
            }
        }
        process.destroyForcibly();
        throw new IOException("s3proxy did not listen on 127.0.0.1:" + port + " within 60 s");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void stop() {
        process.destroy();
    }
}
