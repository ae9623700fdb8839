package diffusionsat.io.raster;

import org.gdal.gdal.gdal;
import org.gdal.ogr.ogr;
import org.gdal.osr.osr;

/**
 * GDAL's one-time set-up: drivers registered and errors raised as Java exceptions, in every
 * JVM (driver or executor) before its first GDAL call.
 */
public final class Gdal {
    /** GDAL's block cache in MB unless GDAL_CACHEMAX is set (environment or JVM start-up). */
    static final String DEFAULT_CACHE_MB = "256";

    private Gdal() {}

    /** Registers GDAL's drivers once per JVM; cheap after the first call. */
    public static void ensureRegistered() {
        if (!Registration.DONE) {
            throw new IllegalStateException("GDAL registration did not complete");
        }
    }

    /**
     * GDAL's message for the last failure on this thread (GDAL keeps it per thread), or {@code
     * fallback} when GDAL left none.
     */
    public static String lastError(String fallback) {
        String message = gdal.GetLastErrorMsg();
        return message == null || message.isBlank() ? fallback : message.trim();
    }

    /** A GDAL exception's message, else the last GDAL error, else {@code fallback}. */
    public static String messageOf(RuntimeException e, String fallback) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? lastError(fallback) : message.trim();
    }

    // The class initialiser runs exactly once per JVM, thread-safely (JLS 12.4.2).
    private static final class Registration {
        static final boolean DONE = register();

        private static boolean register() {
            gdal.AllRegister();
            // GDAL's block cache defaults to 5 % of the machine's memory, outside the JVM's
            // heap: bound it so an executor's footprint follows its settings, not the host.
            if (gdal.GetConfigOption("GDAL_CACHEMAX") == null) {
                gdal.SetConfigOption("GDAL_CACHEMAX", DEFAULT_CACHE_MB);
            }
            gdal.UseExceptions();
            osr.UseExceptions();
            ogr.UseExceptions();
            return true;
        }
    }
}
