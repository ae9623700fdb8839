package diffusionsat.io.storage;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The names that ids (tile, request and run ids) give to output files and folders, so that every
 * usable id fits every store: 255 bytes per name on Linux file systems and 1024 per S3 key.
 *
 * <p>An id of up to {@link #MAX_ID_LENGTH} characters is its own name; a longer one keeps its
 * first characters and ends with {@code -} and 16 hex digits of its SHA-256, exactly one
 * character longer than any literal name, so a shortened name never equals another id's. With
 * the longest suffix ({@code .uncertainty.tif}) and {@link Storage}'s temporary wrapper ({@code
 * .<name>.tmp-<uuid>}, 42 characters) a name stays under 240 bytes.
 */
public final class OutputNames {
    /** The longest id used as it is. */
    public static final int MAX_ID_LENGTH = 180;
    private static final int HASH_DIGITS = 16;
    private static final Pattern USABLE = Pattern.compile("[A-Za-z0-9._-]+");

    private OutputNames() {}

    /** Why {@code id} cannot name output files, or empty when it can. */
    public static Optional<String> problem(String id) {
        if (id == null || id.isEmpty()) {
            return Optional.of("no id (it names the output files)");
        }
        if (!USABLE.matcher(id).matches()) {
            return Optional.of("id must match [A-Za-z0-9._-]+ (it names the output files)");
        }
        if (id.startsWith(".")) {
            return Optional.of("id starts with '.' (it would name hidden files, which Hadoop and"
                    + " Spark skip)");
        }
        return Optional.empty();
    }

    /**
     * Why {@code name} cannot name a folder the user chose (a run id): {@link #problem}, or
     * longer than {@link #MAX_ID_LENGTH} characters (a folder the user names is never shortened).
     */
    public static Optional<String> folderProblem(String name) {
        Optional<String> problem = problem(name);
        if (problem.isEmpty() && name.length() > MAX_ID_LENGTH) {
            return Optional.of("longer than " + MAX_ID_LENGTH + " characters ("
                    + name.length() + ")");
        }
        return problem;
    }

    /**
     * The name {@code id} gives its outputs (before their suffix): the id itself, or for an id
     * over {@link #MAX_ID_LENGTH} characters its stable shortened form.
     */
    public static String key(String id) {
        if (id.length() <= MAX_ID_LENGTH) {
            return id;
        }
        return id.substring(0, MAX_ID_LENGTH - HASH_DIGITS) + "-" + hash(id);
    }

    /** {@link #key} followed by {@code suffix} (e.g. {@code .tif}). */
    public static String fileName(String id, String suffix) {
        return key(id) + suffix;
    }

    private static String hash(String id) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(id.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, HASH_DIGITS / 2);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
