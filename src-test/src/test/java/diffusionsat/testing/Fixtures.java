package diffusionsat.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where the shared test data lives. Roots come from system properties set by the build
 * ({@code fixtures.reference}, {@code fixtures.text}, {@code shared.dir}, {@code project.root}) and
 * default to {@code ../shared} beside the project root.
 */
public final class Fixtures {
    private Fixtures() {}

    public static Path projectRoot() {
        return Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize();
    }

    public static Path shared() {
        String dir = System.getProperty("shared.dir");
        return dir != null ? Path.of(dir) : projectRoot().resolve("../shared").normalize();
    }

    public static Path reference() {
        String dir = System.getProperty("fixtures.reference");
        return dir != null ? Path.of(dir) : shared().resolve("fixtures/reference");
    }

    public static Path text() {
        String dir = System.getProperty("fixtures.text");
        return dir != null ? Path.of(dir) : shared().resolve("fixtures/text");
    }

    public static Path keys() {
        return shared().resolve("docs/diffusionsat-keys");
    }

    public static Path data() {
        return shared().resolve("data");
    }

    /** Case folders (those holding a case.json) under a fixture root, sorted by name. */
    public static List<Path> cases(Path root) {
        try (Stream<Path> entries = Files.list(root)) {
            return entries.filter(p -> Files.isRegularFile(p.resolve("case.json"))).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list fixture cases in " + root, e);
        }
    }
}
