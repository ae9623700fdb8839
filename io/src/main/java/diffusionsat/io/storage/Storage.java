package diffusionsat.io.storage;

import diffusionsat.io.StorageException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * All file I/O of the project, through Hadoop's {@link FileSystem}: plain local paths, {@code
 * file:} and {@code s3a:} URIs (or any other Hadoop-supported store) work alike.
 *
 * <p>Serializable so it can ship to executors: it holds only the Hadoop settings (for example the
 * {@code fs.s3a.*} keys) and builds its {@link Configuration} lazily on first use. File systems
 * come from Hadoop's JVM-wide cache ({@link FileSystem#get}), which is keyed by scheme and
 * authority only: all {@code Storage} instances of one JVM share the settings of the first one
 * that opened a given bucket.
 *
 * <p>Writes never expose a partial file under its final name: {@link #publish} and {@link
 * #writeString} write a hidden temporary file ({@code .<name>.tmp-<uuid>}) in the target folder
 * and rename it when complete.
 */
public final class Storage implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Pattern URI_SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:");
    /** {@code .<start of the target's name>.tmp-<random UUID>}, {@link #temporarySibling}'s. */
    private static final Pattern TEMPORARY_NAME = Pattern.compile(
            "\\..+\\.tmp-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    /** The part of a file's name kept in its temporary name. */
    private static final int TEMPORARY_NAME_BYTES = 200;

    /** {@code io.maxPixels}'s default (conf/defaults.yaml): 1.6 GB of float32 values. */
    public static final long DEFAULT_MAX_PIXELS = 400_000_000L;

    private final Map<String, String> hadoopSettings;
    private final long maxPixels;
    private transient Configuration configuration;

    private Storage(Map<String, String> hadoopSettings, long maxPixels) {
        this.hadoopSettings = Map.copyOf(hadoopSettings);
        this.maxPixels = maxPixels;
    }

    /** Storage with Hadoop's default configuration: local files and {@code file:} URIs. */
    public static Storage local() {
        return new Storage(Map.of(), DEFAULT_MAX_PIXELS);
    }

    /** Storage with these Hadoop settings on top of the defaults (e.g. {@code fs.s3a.*}). */
    public static Storage of(Map<String, String> hadoopSettings) {
        return new Storage(hadoopSettings, DEFAULT_MAX_PIXELS);
    }

    /**
     * This storage with another read limit: the most pixel values (width × height × bands) one
     * raster read may hold ({@code io.maxPixels}, checked by {@code RasterSizeLimit} before any
     * pixel buffer exists). It travels with the storage because every read gets one.
     */
    public Storage withMaxPixels(long limit) {
        return new Storage(hadoopSettings, limit);
    }

    /** The read limit of {@link #withMaxPixels}. */
    public long maxPixels() {
        return maxPixels;
    }

    /** The Hadoop configuration these settings describe, built once per JVM copy. */
    public synchronized Configuration configuration() {
        if (configuration == null) {
            Configuration conf = new Configuration();
            hadoopSettings.forEach(conf::set);
            configuration = conf;
        }
        return configuration;
    }

    /** Whether a file or folder exists at {@code uri}. */
    public boolean exists(String uri) {
        Path path = new Path(uri);
        try {
            return fileSystem(path).exists(path);
        } catch (IOException e) {
            throw new StorageException(uri, "cannot check existence: " + e.getMessage(), e);
        }
    }

    /** The length in bytes of the file at {@code uri}. */
    public long length(String uri) {
        Path path = new Path(uri);
        try {
            return fileSystem(path).getFileStatus(path).getLen();
        } catch (IOException e) {
            throw new StorageException(uri, "cannot read its length: " + e.getMessage(), e);
        }
    }

    /** The length in bytes of the file at {@code uri}, or -1 where there is none. */
    public long lengthIfPresent(String uri) {
        Path path = new Path(uri);
        try {
            return fileSystem(path).getFileStatus(path).getLen();
        } catch (FileNotFoundException e) {
            return -1;
        } catch (IOException e) {
            throw new StorageException(uri, "cannot read its length: " + e.getMessage(), e);
        }
    }

    /** The whole content of the file at {@code uri} (files up to 2 GiB). */
    public byte[] readAllBytes(String uri) {
        Path path = new Path(uri);
        try (InputStream in = fileSystem(path).open(path)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new StorageException(uri, "cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * The files under {@code folderUri} (recursively) whose names end with one of {@code suffixes}
     * (case-insensitive; none given = all files), as full URIs in the form of {@code folderUri}
     * (a plain local path gives plain paths), sorted. Names starting with {@code .} or {@code _}
     * are skipped, as Hadoop and Spark skip them: hidden, temporary and marker files. A {@code
     * folderUri} naming one file lists just that file.
     */
    public List<String> list(String folderUri, String... suffixes) {
        return list(folderUri, true, suffixes);
    }

    /**
     * {@link #list(String, String...)} including hidden, temporary and marker files (names
     * starting with {@code .} or {@code _}), for callers that must account for every file.
     */
    public List<String> listAll(String folderUri, String... suffixes) {
        return list(folderUri, false, suffixes);
    }

    private List<String> list(String folderUri, boolean visibleOnly, String... suffixes) {
        Path folder = new Path(folderUri);
        try {
            FileSystem fs = fileSystem(folder);
            String qualifiedFolder = fs.makeQualified(folder).toString();
            String base = stripTrailingSlash(folderUri);
            List<String> files = new ArrayList<>();
            RemoteIterator<LocatedFileStatus> it = fs.listFiles(folder, true);
            while (it.hasNext()) {
                String qualified = it.next().getPath().toString();
                String relative = qualified.substring(Math.min(qualified.length(),
                        qualifiedFolder.length()));
                String uri = relative.isEmpty() ? folderUri : base + relative;
                if ((!visibleOnly || isVisible(relative)) && hasSuffix(uri, suffixes)) {
                    files.add(uri);
                }
            }
            files.sort(null);
            return files;
        } catch (IOException e) {
            throw new StorageException(folderUri, "cannot list: " + e.getMessage(), e);
        }
    }

    /**
     * Copies a finished local file to {@code uri}: first under a hidden temporary name in the
     * target folder, then renamed, so a partial file is never visible under its final name. An
     * existing file at {@code uri} is replaced.
     */
    public void publish(java.nio.file.Path localFile, String uri) {
        Path target = new Path(uri);
        Path temporary = temporarySibling(target);
        try {
            FileSystem fs = fileSystem(target);
            try {
                fs.copyFromLocalFile(false, true, new Path(localFile.toAbsolutePath().toUri()),
                        temporary);
            } catch (IOException e) {
                deleteQuietly(fs, temporary);                  // a partial copy
                throw e;
            }
            moveIntoPlace(fs, temporary, target);
        } catch (IOException e) {
            throw new StorageException(uri, "cannot publish " + localFile + ": "
                    + e.getMessage(), e);
        }
    }

    /** Writes UTF-8 text to {@code uri} with the same temporary-name-then-rename rule. */
    public void writeString(String uri, String text) {
        write(uri, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** What {@link #write} fills: a stream to the temporary file. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Writes what {@code content} streams to {@code uri} with the same temporary-name-then-rename
     * rule as {@link #writeString}, for files too large to hold as one string.
     */
    public void write(String uri, Content content) {
        Path target = new Path(uri);
        Path temporary = temporarySibling(target);
        try {
            FileSystem fs = fileSystem(target);
            try (OutputStream out = fs.create(temporary, true)) {
                content.writeTo(out);
            } catch (IOException | RuntimeException e) {
                deleteQuietly(fs, temporary);                  // a partial write
                throw e;
            }
            moveIntoPlace(fs, temporary, target);
        } catch (IOException e) {
            throw new StorageException(uri, "cannot write: " + e.getMessage(), e);
        }
    }

    /**
     * Resolves an href against a base folder (a catalogue's location): an absolute href (with a
     * scheme, or a path starting with {@code /}) is returned unchanged.
     */
    public String resolve(String base, String relative) {
        if (relative.startsWith("/") || URI_SCHEME.matcher(relative).lookingAt()) {
            return relative;
        }
        return stripTrailingSlash(base) + "/" + relative;
    }

    /** Deletes the file or folder (recursively) at {@code uri}; absent is fine. */
    public void delete(String uri) {
        Path path = new Path(uri);
        try {
            fileSystem(path).delete(path, true);
        } catch (IOException e) {
            throw new StorageException(uri, "cannot delete: " + e.getMessage(), e);
        }
    }

    /** The names of the entries directly in {@code folderUri}, files and folders, sorted. */
    public List<String> childNames(String folderUri) {
        Path folder = new Path(folderUri);
        try {
            List<String> names = new ArrayList<>();
            for (FileStatus status : fileSystem(folder).listStatus(folder)) {
                names.add(status.getPath().getName());
            }
            names.sort(null);
            return names;
        } catch (IOException e) {
            throw new StorageException(folderUri, "cannot list: " + e.getMessage(), e);
        }
    }

    /**
     * The local file behind {@code uri} if it is a plain path or a {@code file:} URI, so native
     * readers such as GDAL can open it in place; empty for any other store.
     */
    public static Optional<java.nio.file.Path> localFile(String uri) {
        URI parsed = new Path(uri).toUri();
        String scheme = parsed.getScheme();
        if (scheme == null || scheme.equalsIgnoreCase("file")) {
            return Optional.of(java.nio.file.Path.of(parsed.getPath()).toAbsolutePath());
        }
        return Optional.empty();
    }

    private FileSystem fileSystem(Path path) throws IOException {
        FileSystem fs = path.getFileSystem(configuration());
        // The checksummed local file system writes .crc files beside every file; outputs
        // should look the same on local disk as on S3.
        return fs instanceof LocalFileSystem local ? local.getRaw() : fs;
    }

    private static void moveIntoPlace(FileSystem fs, Path temporary, Path target)
            throws IOException {
        try {
            // Hadoop's rename refuses an existing target; a rerun replaces the old file.
            if (fs.exists(target)) {
                fs.delete(target, false);
            }
            if (!fs.rename(temporary, target)) {
                throw new IOException("rename from " + temporary + " refused");
            }
        } catch (IOException e) {
            fs.delete(temporary, false);
            throw e;
        }
    }

    private static Path temporarySibling(Path target) {
        return new Path(target.getParent(), "." + prefix(target.getName(), TEMPORARY_NAME_BYTES)
                + ".tmp-" + UUID.randomUUID());
    }

    /** Whether {@code name} is one of {@link #temporarySibling}'s names (a file not yet renamed). */
    static boolean isTemporaryName(String name) {
        return TEMPORARY_NAME.matcher(name).matches();
    }

    /**
     * The longest start of {@code name} of at most {@code maxBytes} UTF-8 bytes: the temporary
     * name adds 42 bytes to it and must stay under the file systems' 255.
     */
    private static String prefix(String name, int maxBytes) {
        int bytes = 0;
        int end = 0;
        while (end < name.length()) {
            int codePoint = name.codePointAt(end);
            bytes += new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8)
                    .length;
            if (bytes > maxBytes) {
                break;
            }
            end += Character.charCount(codePoint);
        }
        return name.substring(0, end);
    }

    private static void deleteQuietly(FileSystem fs, Path temporary) {
        try {
            fs.delete(temporary, false);
        } catch (IOException e) {
            // The caller reports the first failure; a store that cannot delete fails it anyway.
        }
    }

    private static boolean isVisible(String relativePath) {
        for (String segment : relativePath.split("/")) {
            if (segment.startsWith(".") || segment.startsWith("_")) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasSuffix(String uri, String... suffixes) {
        if (suffixes.length == 0) {
            return true;
        }
        String lower = uri.toLowerCase(Locale.ROOT);
        for (String suffix : suffixes) {
            if (lower.endsWith(suffix.toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    private static String stripTrailingSlash(String uri) {
        return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
    }
}
