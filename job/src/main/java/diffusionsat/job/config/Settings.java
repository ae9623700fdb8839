package diffusionsat.job.config;

import diffusionsat.io.ConfigException;
import java.io.Serializable;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The merged configuration as flat dotted keys ({@code superres.scale}), with typed accessors that
 * name the key in every error. Only keys declared in {@code conf/defaults.yaml} exist, so a typo in
 * a file or a {@code --set} fails before Spark starts.
 */
public final class Settings implements Serializable {
    private final Map<String, String> values;

    Settings(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(new TreeMap<>(values));
    }

    public String string(String key) {
        String value = values.get(key);
        if (value == null) {
            throw new ConfigException(key, null, "is not a known configuration key");
        }
        return value;
    }

    /** The value, or empty when the key is set to an empty string (an optional setting). */
    public java.util.Optional<String> optional(String key) {
        String value = string(key);
        return value.isBlank() ? java.util.Optional.empty() : java.util.Optional.of(value);
    }

    public int integer(String key, int min, int max) {
        int value = parse(key, Integer::parseInt, "an integer");
        if (value < min || value > max) {
            throw new ConfigException(key, value, "must be in [" + min + ", " + max + "]");
        }
        return value;
    }

    public long longValue(String key) {
        return parse(key, Long::parseLong, "an integer");
    }

    public long longValue(String key, long min, long max) {
        long value = longValue(key);
        if (value < min || value > max) {
            throw new ConfigException(key, value, "must be in [" + min + ", " + max + "]");
        }
        return value;
    }

    public double number(String key, double min, double max) {
        double value = parse(key, Double::parseDouble, "a number");
        if (!(value >= min && value <= max)) {
            throw new ConfigException(key, value, "must be in [" + min + ", " + max + "]");
        }
        return value;
    }

    public boolean flag(String key) {
        String value = string(key).trim().toLowerCase(java.util.Locale.ROOT);
        return switch (value) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new ConfigException(key, value, "must be true or false");
        };
    }

    /** An enum value written in kebab or lower case ({@code digital-numbers}). */
    public <E extends Enum<E>> E choice(String key, Class<E> type) {
        String value = string(key);
        String constant = value.trim().replace('-', '_').toUpperCase(java.util.Locale.ROOT);
        try {
            return Enum.valueOf(type, constant);
        } catch (IllegalArgumentException e) {
            String choices = choices(type);
            throw new ConfigException(key, value, "must be one of " + choices
                    + Suggestions.didYouMean(value, java.util.List.of(choices.split(", "))));
        }
    }

    /** Every key under a prefix, with the prefix removed (e.g. raw Hadoop settings). */
    public Map<String, String> section(String prefix) {
        Map<String, String> out = new TreeMap<>();
        String dotted = prefix + ".";
        values.forEach((k, v) -> {
            if (k.startsWith(dotted) && !v.isBlank()) {
                out.put(k.substring(dotted.length()), v);
            }
        });
        return out;
    }

    public Map<String, String> asMap() {
        return values;
    }

    private <T> T parse(String key, Function<String, T> parser, String kind) {
        String value = string(key);
        try {
            return parser.apply(value.trim());
        } catch (NumberFormatException e) {
            throw new ConfigException(key, value, "must be " + kind);
        }
    }

    private static <E extends Enum<E>> String choices(Class<E> type) {
        StringBuilder out = new StringBuilder();
        for (E e : type.getEnumConstants()) {
            out.append(out.isEmpty() ? "" : ", ")
                    .append(e.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        }
        return out.toString();
    }
}
