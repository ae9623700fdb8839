package diffusionsat.io.checkpoint;

import diffusionsat.io.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies a remote checkpoint folder ({@code s3a://}, or any URI Hadoop's FileSystem knows) once
 * into {@code <cache root>/<hash of the URI>}. The copy is staged in a sibling folder, finished
 * with a marker file and renamed into place, so a cached folder is complete whenever it exists;
 * a later open (another task on the same executor, a rerun) reuses it without touching the store.
 */
final class RemoteFolderCache {
    private static final Logger log = LoggerFactory.getLogger(RemoteFolderCache.class);
    /** Written last into the staged copy: its presence means every file arrived. */
    static final String COMPLETE_MARKER = ".diffusionsat-complete";

    private RemoteFolderCache() {}

    /** The local copy of {@code uri}, copying it first unless a complete copy is cached. */
    static Path localCopy(String uri, Configuration conf, Path cacheRoot) {
        Path target = cacheRoot.resolve(hash(uri));
        if (Files.exists(target.resolve(COMPLETE_MARKER))) {
            log.debug("checkpoint {} already cached in {}", uri, target);
            return target;
        }
        Path staging = null;
        try {
            Files.createDirectories(cacheRoot);
            staging = Files.createTempDirectory(cacheRoot, target.getFileName() + ".partial-");
            long bytes = copyTree(uri, conf, staging);
            Files.createFile(staging.resolve(COMPLETE_MARKER));
            if (Files.exists(target.resolve(COMPLETE_MARKER))) {
                return target;                                 // another task finished first
            }
            deleteTree(target);                                // an incomplete leftover, if any
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(staging, target);
            }
            log.info("copied checkpoint {} ({} bytes) to {}", uri, bytes, target);
            return target;
        } catch (IOException | UncheckedIOException e) {
            if (Files.exists(target.resolve(COMPLETE_MARKER))) {
                return target;                                 // another task won the rename
            }
            throw new StorageException(uri, "cannot copy checkpoint folder to " + target, e);
        } finally {
            if (staging != null) {
                deleteTree(staging);
            }
        }
    }

    /** Copies every file under {@code uri} into {@code local}, keeping relative paths. */
    private static long copyTree(String uri, Configuration conf, Path local) throws IOException {
        org.apache.hadoop.fs.Path remote = new org.apache.hadoop.fs.Path(uri);
        // FileSystem instances are cached and shared per JVM: never close this one.
        FileSystem fs = remote.getFileSystem(conf);
        String rootPath = fs.makeQualified(remote).toUri().getPath().replaceAll("/+$", "") + "/";
        RemoteIterator<LocatedFileStatus> files = fs.listFiles(remote, true);
        long bytes = 0;
        int count = 0;
        while (files.hasNext()) {
            org.apache.hadoop.fs.Path file = files.next().getPath();
            String path = file.toUri().getPath();
            Path destination = local.resolve(path.substring(rootPath.length())).normalize();
            if (!path.startsWith(rootPath) || !destination.startsWith(local)) {
                throw new IOException("listing returned " + file + " outside " + uri);
            }
            Files.createDirectories(destination.getParent());
            try (InputStream in = fs.open(file)) {
                bytes += Files.copy(in, destination);
            }
            count++;
        }
        if (count == 0) {
            throw new IOException("no files under " + uri);
        }
        return bytes;
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
