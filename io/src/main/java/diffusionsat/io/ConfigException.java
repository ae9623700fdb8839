package diffusionsat.io;

/** A configuration value broke a rule; reported before any Spark work starts. */
public final class ConfigException extends DiffusionSatException {
    public ConfigException(String key, Object value, String rule) {
        super("configuration " + key + " = " + value + ": " + rule);
    }

    public ConfigException(String message) {
        super(message);
    }
}
