package diffusionsat.io.checkpoint;

import diffusionsat.io.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies a remote checkpoint folder ({@code s3a://}, or any URI Hadoop's FileSystem knows) once
 * into {@code <cache root>/<hash of the URI>}, safely under concurrent tasks and processes.
 *
 * <p>A copy is staged in a private sibling folder, finished with a manifest (every file's
 * relative path and size) and renamed into place atomically, so a cached folder is complete
 * whenever it exists. Before use its files are checked against the manifest. Nothing ever
 * deletes a cached folder: a damaged one (a file missing or of another size) is left where it
 * is, in case a task still reads it, and a fresh copy goes to the next free name ({@code
 * <hash>.1}, {@code <hash>.2}, ...). Whoever renames second finds the winner's copy and uses it.
 */
final class RemoteFolderCache {
    private static final Logger log = LoggerFactory.getLogger(RemoteFolderCache.class);
    /** Written last into the staged copy: the manifest, one {@code <size>\t<path>} per file. */
    static final String COMPLETE_MARKER = ".diffusionsat-complete";
    /** Names tried for one URI before giving up (each damaged copy takes one). */
    private static final int MAX_NAMES = 8;

    private RemoteFolderCache() {}

    /** The local copy of {@code uri}, copying it first unless a complete copy is cached. */
    static Path localCopy(String uri, Configuration conf, Path cacheRoot) {
        String key = hash(uri);
        Path staging = null;
        try {
            for (int n = 0; n < MAX_NAMES; n++) {
                Path candidate = cacheRoot.resolve(n == 0 ? key : key + "." + n);
                if (isComplete(candidate)) {
                    log.debug("checkpoint {} cached in {}", uri, candidate);
                    return candidate;
                }
                if (Files.exists(candidate)) {
                    log.warn("cached copy {} of {} is incomplete or damaged; left in place",
                            candidate, uri);
                    continue;
                }
                if (staging == null) {
                    staging = stage(uri, conf, cacheRoot, key);
                }
                if (install(staging, candidate)) {
                    staging = null;
                    log.info("copied checkpoint {} to {}", uri, candidate);
                    return candidate;
                }
                if (isComplete(candidate)) {
                    return candidate;                          // another task installed first
                }
            }
            throw new IOException(MAX_NAMES + " cached copies under " + cacheRoot
                    + " are damaged; delete them");
        } catch (IOException | UncheckedIOException e) {
            throw new StorageException(uri, "cannot copy checkpoint folder to " + cacheRoot, e);
        } finally {
            if (staging != null) {
                deleteTree(staging);                           // our own, never a cached copy
            }
        }
    }

    /** Whether {@code dir} holds every file its manifest lists, each of the listed size. */
    static boolean isComplete(Path dir) {
        Path marker = dir.resolve(COMPLETE_MARKER);
        try {
            if (!Files.isRegularFile(marker)) {
                return false;
            }
            List<String> lines = Files.readAllLines(marker, StandardCharsets.UTF_8);
            if (lines.isEmpty()) {
                return false;
            }
            for (String line : lines) {
                int tab = line.indexOf('\t');
                Path file = tab < 0 ? null : dir.resolve(line.substring(tab + 1));
                if (file == null || !Files.isRegularFile(file)
                        || Files.size(file) != Long.parseLong(line.substring(0, tab))) {
                    return false;
                }
            }
            return true;
        } catch (IOException | NumberFormatException e) {
            return false;
        }
    }

    private static Path stage(String uri, Configuration conf, Path cacheRoot, String key)
            throws IOException {
        Files.createDirectories(cacheRoot);
        Path staging = Files.createTempDirectory(cacheRoot, key + ".partial-");
        try {
            Map<String, Long> sizes = copyTree(uri, conf, staging);
            List<String> manifest = new ArrayList<>();
            sizes.forEach((path, size) -> manifest.add(size + "\t" + path));
            Files.write(staging.resolve(COMPLETE_MARKER), manifest, StandardCharsets.UTF_8);
            return staging;
        } catch (IOException | RuntimeException e) {
            deleteTree(staging);
            throw e;
        }
    }

    /** Renames the staged copy to {@code target}; false when another copy got there first. */
    private static boolean install(Path staging, Path target) throws IOException {
        try {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE); // same folder: rename(2)
            return true;
        } catch (FileSystemException e) {
            // rename(2) onto a non-empty folder: ENOTEMPTY, not always DirectoryNotEmptyException
            if (Files.exists(target)) {
                return false;
            }
            throw e;
        }
    }

    /** Copies every file under {@code uri} into {@code local}; relative path → size. */
    private static Map<String, Long> copyTree(String uri, Configuration conf, Path local)
            throws IOException {
        org.apache.hadoop.fs.Path remote = new org.apache.hadoop.fs.Path(uri);
        // FileSystem instances are cached and shared per JVM: never close this one.
        FileSystem fs = remote.getFileSystem(conf);
        String rootPath = fs.makeQualified(remote).toUri().getPath().replaceAll("/+$", "") + "/";
        RemoteIterator<LocatedFileStatus> files = fs.listFiles(remote, true);
        Map<String, Long> sizes = new TreeMap<>();
        while (files.hasNext()) {
            org.apache.hadoop.fs.Path file = files.next().getPath();
            String path = file.toUri().getPath();
            Path destination = local.resolve(path.substring(rootPath.length())).normalize();
            if (!path.startsWith(rootPath) || !destination.startsWith(local)
                    || destination.getFileName().toString().equals(COMPLETE_MARKER)) {
                throw new IOException("listing returned " + file + " outside " + uri);
            }
            Files.createDirectories(destination.getParent());
            try (InputStream in = fs.open(file)) {
                sizes.put(local.relativize(destination).toString(), Files.copy(in, destination));
            }
        }
        if (sizes.isEmpty()) {
            throw new IOException("no files under " + uri);
        }
        return sizes;
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }

    private static String hash(String uri) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(uri.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
