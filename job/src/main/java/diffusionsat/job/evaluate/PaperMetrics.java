package diffusionsat.job.evaluate;

import diffusionsat.io.ConfigException;
import diffusionsat.io.storage.Storage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The paper's numbers that the report sets beside ours (DESIGN.md §7): a CSV of {@code
 * task,model,metric,value,source} rows ({@code metric} a summary column name, {@code #} starts a
 * comment), bundled from {@code conf/paper-metrics.csv} or configured by {@code
 * evaluate.paperMetrics}.
 */
public final class PaperMetrics {
    static final String BUNDLED = "/diffusionsat/paper-metrics.csv";

    /** One published number. */
    public record Value(String task, String model, Metric metric, double value, String source) {}

    private PaperMetrics() {}

    /** The rows of the configured table (empty URI: the bundled one) for {@code task}. */
    public static List<Value> forTask(String uri, Storage storage, String task) {
        String text = uri.isEmpty() ? bundled()
                : new String(storage.readAllBytes(uri), StandardCharsets.UTF_8);
        String where = uri.isEmpty() ? BUNDLED : uri;
        List<Value> out = new ArrayList<>();
        boolean header = true;
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            if (header) {
                header = false; // task,model,metric,value,source
                continue;
            }
            Value value = parse(trimmed, where);
            if (value.task().equals(task)) {
                out.add(value);
            }
        }
        return out;
    }

    private static Value parse(String line, String where) {
        String[] cells = line.split(",", 5);
        if (cells.length < 4) {
            throw new ConfigException("evaluate.paperMetrics", where,
                    "needs task,model,metric,value,source rows; bad row: " + line);
        }
        try {
            return new Value(cells[0].strip(), cells[1].strip(), Metric.ofColumn(cells[2].strip()),
                    Double.parseDouble(cells[3].strip()),
                    cells.length > 4 ? unquote(cells[4].strip()) : "");
        } catch (IllegalArgumentException e) {
            throw new ConfigException("evaluate.paperMetrics", where,
                    "bad row: " + line + " (" + e.getMessage() + ")");
        }
    }

    private static String unquote(String text) {
        return text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")
                ? text.substring(1, text.length() - 1).replace("\"\"", "\"") : text;
    }

    private static String bundled() {
        try (InputStream in = PaperMetrics.class.getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new ConfigException("the bundled " + BUNDLED + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException("cannot read the bundled " + BUNDLED + ": " + e.getMessage());
        }
    }
}
