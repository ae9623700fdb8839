package diffusionsat.io.catalog;

import diffusionsat.io.StorageException;
import diffusionsat.io.storage.Storage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The files a catalogue scan considers under its input: rasters ({@link RasterFiles#SUFFIXES})
 * and JSON sidecars, and every such file it refuses, with the cause, so that none is skipped
 * silently:
 *
 * <ul>
 *   <li>hidden files (a name, or a folder above it, starting with {@code .}), including names
 *       made only of dots before the extension: editors, sync tools and our own temporary
 *       outputs leave them, and they cannot name a tile;
 *   <li>dangling symbolic links (a link to an existing file is followed and catalogued);
 *   <li>names that are not valid UTF-8 (Java cannot open them; the cause shows U+FFFD).
 * </ul>
 *
 * Local folders are walked with java.nio, because Hadoop's local listing drops dangling links
 * and undecodable names without a word; object stores are listed through {@link Storage}.
 */
final class InputFiles {
    private static final String[] SUFFIXES = RasterFiles.withSidecars();
    private static final char REPLACEMENT = '\uFFFD';

    /** What {@link #list} found: rasters and sidecars as URIs, and the refused files. */
    record Listing(List<String> rasters, Set<String> sidecars, List<ScanFailure> rejected) {}

    private InputFiles() {}

    static Listing list(String inputUri, Storage storage) {
        Optional<Path> local = Storage.localFile(inputUri);
        List<String> accepted = new ArrayList<>();
        List<ScanFailure> rejected = new ArrayList<>();
        if (local.isPresent() && Files.isDirectory(local.get())) {
            walk(inputUri, local.get(), accepted, rejected);
        } else {
            String base = inputUri.endsWith("/") ? inputUri : inputUri + "/";
            for (String uri : storage.listAll(inputUri, SUFFIXES)) {
                String relative = uri.startsWith(base) ? uri.substring(base.length())
                        : TileIds.fileName(uri);
                hiddenCause(relative).ifPresentOrElse(
                        cause -> rejected.add(new ScanFailure(uri, cause)),
                        () -> accepted.add(uri));
            }
        }
        List<String> rasters = new ArrayList<>();
        Set<String> sidecars = new HashSet<>();
        for (String uri : accepted) {
            if (uri.toLowerCase(Locale.ROOT).endsWith(".json")) {
                sidecars.add(uri);
            } else {
                rasters.add(uri);
            }
        }
        rasters.sort(null);
        return new Listing(rasters, sidecars, rejected);
    }

    private static void walk(String inputUri, Path root, List<String> accepted,
            List<ScanFailure> rejected) {
        String base = inputUri.endsWith("/") ? inputUri.substring(0, inputUri.length() - 1)
                : inputUri;
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : (Iterable<Path>) paths.sorted()::iterator) {
                String relative = root.relativize(path).toString();
                if (!hasSuffix(relative) || Files.isDirectory(path)) {
                    continue;
                }
                String uri = base + "/" + relative;
                Optional<String> cause = cause(path, relative);
                if (cause.isPresent()) {
                    rejected.add(new ScanFailure(uri, cause.get()));
                } else {
                    accepted.add(uri);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            throw new StorageException(inputUri, "cannot list: " + e.getMessage(), e);
        }
    }

    private static Optional<String> cause(Path path, String relative) {
        if (relative.indexOf(REPLACEMENT) >= 0) {
            return Optional.of("the file name is not valid UTF-8 (undecodable bytes shown as"
                    + " U+FFFD): rename it");
        }
        Optional<String> hidden = hiddenCause(relative);
        if (hidden.isPresent()) {
            return hidden;
        }
        if (Files.isSymbolicLink(path) && !Files.exists(path)) {
            return Optional.of("dangling symbolic link to " + target(path));
        }
        if (!Files.isRegularFile(path)) {
            return Optional.of("not a regular file");
        }
        return Optional.empty();
    }

    private static Optional<String> hiddenCause(String relative) {
        String name = TileIds.fileName(relative);
        if (name.substring(0, name.lastIndexOf('.')).chars().allMatch(c -> c == '.')) {
            return Optional.of("the file name " + name + " is only dots before its extension:"
                    + " it names no tile");
        }
        for (String segment : relative.split("/")) {
            if (segment.startsWith(".")) {
                return Optional.of("hidden file (" + segment + " starts with '.'): hidden files"
                        + " are not catalogued; rename it to include it");
            }
        }
        return Optional.empty();
    }

    private static boolean hasSuffix(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (String suffix : SUFFIXES) {
            if (lower.endsWith(suffix)) {
                return true;
            }
        }
        return false;
    }

    private static String target(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            return "(unreadable target)";
        }
    }
}
