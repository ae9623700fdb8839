package diffusionsat.job.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import diffusionsat.io.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Layers the configuration (STYLE.md §3.1): the bundled {@code defaults.yaml} &lt; each {@code
 * --config} file in order &lt; each {@code --set key=value}. A key that the defaults do not
 * declare is an error, so every key is declared and documented once.
 */
public final class ConfigLoader {
    static final String DEFAULTS_RESOURCE = "/diffusionsat/defaults.yaml";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ConfigLoader() {}

    public static Settings load(List<Path> configFiles, List<String> overrides) {
        Map<String, String> values = defaults();
        for (Path file : configFiles) {
            if (file.toString().isEmpty()) {
                continue; // an empty --config: a scheduler's unset, templated variable
            }
            Map<String, String> layer = readYaml(file);
            layer.forEach((key, value) -> requireKnown(values, key, file.toString()));
            values.putAll(layer);
        }
        for (String override : overrides) {
            int eq = override.indexOf('=');
            if (eq <= 0) {
                throw new ConfigException("--set", override, "must be key=value");
            }
            String key = override.substring(0, eq).trim();
            requireKnown(values, key, "--set");
            values.put(key, override.substring(eq + 1).trim());
        }
        return new Settings(values);
    }

    private static Map<String, String> defaults() {
        try (InputStream in = ConfigLoader.class.getResourceAsStream(DEFAULTS_RESOURCE)) {
            if (in == null) {
                throw new ConfigException("the bundled " + DEFAULTS_RESOURCE + " is missing");
            }
            return flatten(YAML.readTree(in));
        } catch (IOException e) {
            throw new ConfigException("cannot read the bundled defaults: " + e.getMessage());
        }
    }

    private static Map<String, String> readYaml(Path file) {
        if (!Files.isReadable(file)) {
            throw new ConfigException("--config", file, "is not a readable file");
        }
        try {
            return flatten(YAML.readTree(file.toFile()));
        } catch (IOException e) {
            throw new ConfigException("--config", file, "is not valid YAML: " + e.getMessage());
        }
    }

    private static void requireKnown(Map<String, String> known, String key, String where) {
        if (!known.containsKey(key)) {
            throw new ConfigException(key, where, "is not a known configuration key"
                    + Suggestions.didYouMean(key, known.keySet()) + " (see conf/defaults.yaml)");
        }
    }

    /** Nested maps become dotted keys; scalars become strings; null becomes "" (unset). */
    static Map<String, String> flatten(JsonNode root) {
        Map<String, String> out = new LinkedHashMap<>();
        if (root != null && !root.isMissingNode() && !root.isNull()) {
            flatten("", root, out);
        }
        return out;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e ->
                    flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out));
        } else if (node.isArray()) {
            StringBuilder joined = new StringBuilder();
            node.forEach(item -> joined.append(joined.isEmpty() ? "" : ",").append(item.asText()));
            out.put(prefix, joined.toString());
        } else {
            out.put(prefix, node.isNull() ? "" : node.asText());
        }
    }
}
