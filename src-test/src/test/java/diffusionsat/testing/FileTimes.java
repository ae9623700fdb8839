package diffusionsat.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.TreeMap;

/** The files and folders below a folder with their modification times: what a step wrote. */
public final class FileTimes {
    private FileTimes() {}

    /** Every path below {@code root} (relative to it, {@code root} itself too) and its mtime. */
    public static Map<Path, FileTime> below(Path root) throws IOException {
        Map<Path, FileTime> out = new TreeMap<>();
        try (var files = Files.walk(root)) {
            for (Path file : files.toList()) {
                out.put(root.relativize(file), Files.getLastModifiedTime(file));
            }
        }
        return out;
    }
}
