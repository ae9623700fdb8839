package diffusionsat.model;

import com.fasterxml.jackson.databind.JsonNode;
import diffusionsat.io.ConfigException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Typed, defaulted reads of a diffusers {@code config.json}. A present value of the wrong type,
 * or an option this implementation does not support set to anything but its neutral value, is a
 * {@link ConfigException} naming the key (prefixed with the model, e.g. {@code unet.act_fn}).
 * JSON {@code null} counts as absent.
 */
public final class ConfigJson {
    private final JsonNode root;
    private final String model;

    /** Reads {@code root}, naming keys as {@code model.key} in errors. */
    public ConfigJson(JsonNode root, String model) {
        if (root == null || !root.isObject()) {
            throw new ConfigException(model, root, "a model config must be a JSON object");
        }
        this.root = root;
        this.model = model;
    }

    /** Whether {@code key} is present and not null. */
    public boolean has(String key) {
        JsonNode node = root.get(key);
        return node != null && !node.isNull();
    }

    /** An integer, or {@code fallback} when absent. */
    public int integer(String key, int fallback) {
        if (!has(key)) {
            return fallback;
        }
        JsonNode node = root.get(key);
        if (!node.canConvertToInt() || !node.isIntegralNumber() && node.asDouble() % 1 != 0) {
            throw error(key, node, "must be an integer");
        }
        return node.asInt();
    }

    /** A number, or {@code fallback} when absent. */
    public double number(String key, double fallback) {
        if (!has(key)) {
            return fallback;
        }
        JsonNode node = root.get(key);
        if (!node.isNumber()) {
            throw error(key, node, "must be a number");
        }
        return node.asDouble();
    }

    /** A boolean, or {@code fallback} when absent. */
    public boolean bool(String key, boolean fallback) {
        if (!has(key)) {
            return fallback;
        }
        JsonNode node = root.get(key);
        if (!node.isBoolean()) {
            throw error(key, node, "must be true or false");
        }
        return node.asBoolean();
    }

    /** A string, or {@code fallback} (may be null) when absent. */
    public String string(String key, String fallback) {
        if (!has(key)) {
            return fallback;
        }
        JsonNode node = root.get(key);
        if (!node.isTextual()) {
            throw error(key, node, "must be a string");
        }
        return node.asText();
    }

    /** A list of integers, or {@code fallback} when absent. */
    public List<Integer> integers(String key, List<Integer> fallback) {
        if (!has(key)) {
            return fallback;
        }
        List<Integer> values = new ArrayList<>();
        for (JsonNode item : requireArray(key)) {
            if (!item.isIntegralNumber()) {
                throw error(key, root.get(key), "must be a list of integers");
            }
            values.add(item.asInt());
        }
        return Collections.unmodifiableList(values);
    }

    /** A list of strings, or {@code fallback} when absent. */
    public List<String> strings(String key, List<String> fallback) {
        if (!has(key)) {
            return fallback;
        }
        List<String> values = new ArrayList<>();
        for (JsonNode item : requireArray(key)) {
            if (!item.isTextual()) {
                throw error(key, root.get(key), "must be a list of strings");
            }
            values.add(item.asText());
        }
        return Collections.unmodifiableList(values);
    }

    /**
     * An integer given either once for all blocks or as a per-block list of {@code blocks}
     * entries (diffusers' {@code Union[int, Tuple[int]]}).
     */
    public List<Integer> integerPerBlock(String key, int fallback, int blocks) {
        if (has(key) && root.get(key).isArray()) {
            List<Integer> values = integers(key, List.of());
            requireLength(key, values, blocks);
            return values;
        }
        return Collections.nCopies(blocks, integer(key, fallback));
    }

    /** A boolean given once for all blocks or as a per-block list. */
    public List<Boolean> boolPerBlock(String key, boolean fallback, int blocks) {
        if (has(key) && root.get(key).isArray()) {
            List<Boolean> values = new ArrayList<>();
            for (JsonNode item : requireArray(key)) {
                if (!item.isBoolean()) {
                    throw error(key, root.get(key), "must be a boolean or a list of booleans");
                }
                values.add(item.asBoolean());
            }
            requireLength(key, values, blocks);
            return Collections.unmodifiableList(values);
        }
        return Collections.nCopies(blocks, bool(key, fallback));
    }

    /**
     * Rejects an option this implementation does not support unless it is absent, null or equal
     * to {@code neutral} (compared as JSON text, so 1 and 1.0 differ only where diffusers' type
     * would).
     */
    public void requireUnsupportedUnset(String key, Object neutral) {
        if (!has(key)) {
            return;
        }
        JsonNode node = root.get(key);
        boolean isNeutral = neutral != null && (node.isNumber() && neutral instanceof Number n
                ? node.asDouble() == n.doubleValue()
                : Objects.equals(node.asText(), String.valueOf(neutral)));
        if (!isNeutral) {
            throw error(key, node, "is not supported by this implementation (only "
                    + (neutral == null ? "null" : neutral) + ")");
        }
    }

    /** A {@link ConfigException} for {@code key}. */
    public ConfigException error(String key, Object value, String rule) {
        return new ConfigException(model + "." + key, value, rule);
    }

    private Iterable<JsonNode> requireArray(String key) {
        JsonNode node = root.get(key);
        if (!node.isArray()) {
            throw error(key, node, "must be a list");
        }
        return node;
    }

    private void requireLength(String key, List<?> values, int blocks) {
        if (values.size() != blocks) {
            throw error(key, values, "must have one entry per block (" + blocks + ")");
        }
    }
}
