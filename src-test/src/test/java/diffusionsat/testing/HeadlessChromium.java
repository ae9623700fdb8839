package diffusionsat.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Chromium, headless and offline (no background networking, no component updates, a
 * throw-away profile), to open a generated page as a person's browser would.
 */
public final class HeadlessChromium {
    private static final String BINARY = "chromium";

    /** What a page load printed: the DOM after load and the browser's own log. */
    public record Load(String dom, String log) {}

    private HeadlessChromium() {}

    /** Loads {@code page} and returns the serialised DOM (--dump-dom) and the browser log. */
    public static Load dumpDom(Path page, Path profile) throws IOException, InterruptedException {
        return run(page, profile, List.of("--dump-dom"));
    }

    /** Loads {@code page} and writes a screenshot of the given size to {@code png}. */
    public static Load screenshot(Path page, Path profile, Path png, int width, int height)
            throws IOException, InterruptedException {
        return run(page, profile, List.of("--screenshot=" + png.toAbsolutePath(),
                "--window-size=" + width + "," + height, "--hide-scrollbars"));
    }

    private static Load run(Path page, Path profile, List<String> action)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(BINARY, "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--enable-logging=stderr", "--v=0",
                "--user-data-dir=" + profile.toAbsolutePath()));
        command.addAll(action);
        command.add(page.toAbsolutePath().toUri().toString());
        Path out = Files.createTempFile(profile.getParent(), "chromium-", ".out");
        Path err = Files.createTempFile(profile.getParent(), "chromium-", ".err");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile())
                .redirectError(err.toFile()).start();
        // A guard against a hung browser, not a timing assertion.
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("chromium did not finish loading " + page);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("chromium exited with " + process.exitValue() + ": "
                    + Files.readString(err, StandardCharsets.UTF_8));
        }
        return new Load(Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
