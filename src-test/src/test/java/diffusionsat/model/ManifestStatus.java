package diffusionsat.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Status table of a fixture set's MANIFEST.md ({@code | case | status |} rows under {@code
 * ## Status}): which cases the generator produced, and how.
 */
final class ManifestStatus {
    private ManifestStatus() {}

    /** Case name (e.g. {@code d2}) to status (e.g. {@code OK}), in table order. */
    static Map<String, String> read(Path manifest) throws IOException {
        if (!Files.isRegularFile(manifest)) {
            throw new IOException("no " + manifest + ": the fixture set lists no cases");
        }
        List<String> lines = Files.readAllLines(manifest);
        Map<String, String> status = new LinkedHashMap<>();
        boolean inSection = false;
        for (String line : lines) {
            if (line.startsWith("## ")) {
                inSection = line.trim().equals("## Status");
                continue;
            }
            String[] cells = line.split("\\|");
            if (!inSection || cells.length < 3) {
                continue;
            }
            String name = cells[1].trim();
            if (!name.equals("case") && !name.matches("-+")) {
                status.put(name, cells[2].trim());
            }
        }
        return status;
    }

    /** Whether {@code folder} is case {@code name}'s ({@code <name>_<what it checks>}). */
    static boolean isFolderOf(String name, Path folder) {
        return folder.getFileName().toString().startsWith(name + "_");
    }
}
