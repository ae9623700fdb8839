package diffusionsat.io.checkpoint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a checkpoint key list ({@code shared/docs/diffusionsat-keys/*_keys.tsv}): one tensor a
 * line, {@code name<TAB>[d0, d1, ...]}; blank lines and {@code #} comments are skipped. These
 * lists are the contract between checkpoints and model blocks (STYLE.md §3.2).
 */
public final class KeyList {
    private KeyList() {}

    /** Name → shape, in file order. */
    public static Map<String, long[]> read(Path tsv) {
        List<String> lines;
        try {
            lines = Files.readAllLines(tsv);
        } catch (IOException e) {
            throw new CheckpointFormatException(tsv.toString(), "cannot read key list: "
                    + e.getMessage(), e);
        }
        Map<String, long[]> shapes = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\t");
            Optional<long[]> shape = fields.length == 2 ? parseShape(fields[1]) : Optional.empty();
            if (shape.isEmpty() || shapes.put(fields[0], shape.get()) != null) {
                throw new CheckpointFormatException(tsv.toString(), "line " + (i + 1)
                        + " is not a new 'name<TAB>[shape]' entry: " + line);
            }
        }
        return shapes;
    }

    /** The dimensions of {@code [d0, d1, ...]}; empty when the text is not a shape. */
    private static Optional<long[]> parseShape(String text) {
        String inner = text.strip();
        if (!inner.matches("\\[\\s*(\\d+\\s*(,\\s*\\d+\\s*)*)?]")) {
            return Optional.empty();
        }
        inner = inner.substring(1, inner.length() - 1).strip();
        return Optional.of(inner.isEmpty() ? new long[0] : Arrays.stream(inner.split(","))
                .mapToLong(d -> Long.parseLong(d.strip()))
                .toArray());
    }
}
