package diffusionsat.io;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The project's version, as the build stamped it, for the provenance of outputs. */
public final class SoftwareVersion {
    private static final String RESOURCE = "/diffusionsat/version.properties";

    private SoftwareVersion() {}

    /** {@code diffusionsat <version>}, e.g. {@code diffusionsat 0.1.0-SNAPSHOT}. */
    public static String current() {
        try (InputStream in = SoftwareVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the build");
            }
            Properties properties = new Properties();
            properties.load(in);
            return "diffusionsat " + properties.getProperty("version");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + RESOURCE, e);
        }
    }
}
