package diffusionsat.io.catalog;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Stable tile ids from file names, sanitised to {@code [A-Za-z0-9._-]}: the file's stem, or
 * where stems repeat (the same name in several folders) the path below the scanned folder
 * without the extension;
 * any id still taken gets {@code -2}, {@code -3}, ... in sorted order, so the ids depend only on
 * the set of files.
 */
final class TileIds {
    private TileIds() {}

    /** Ids for the given files (full URIs under {@code rootUri}), keyed by URI. */
    static Map<String, String> assign(String rootUri, List<String> uris) {
        List<String> sorted = uris.stream().sorted().toList();
        Map<String, Integer> stemCounts = new HashMap<>();
        sorted.forEach(uri -> stemCounts.merge(sanitise(stem(uri)), 1, Integer::sum));
        Map<String, String> ids = new LinkedHashMap<>();
        Set<String> taken = new HashSet<>();
        for (String uri : sorted) {
            String candidate = sanitise(stem(uri));
            if (stemCounts.get(candidate) > 1) {
                String relative = relativePath(rootUri, uri);
                candidate = sanitise(relative.substring(0, relative.length()
                        - fileName(uri).length()) + stem(uri));
            }
            String id = candidate;
            for (int n = 2; !taken.add(id); n++) {
                id = candidate + "-" + n;
            }
            ids.put(uri, id);
        }
        return ids;
    }

    /** Replaces every character outside {@code [A-Za-z0-9._-]} by {@code _}. */
    static String sanitise(String name) {
        String id = name.replaceAll("[^A-Za-z0-9._-]", "_");
        return id.isEmpty() ? "_" : id;
    }

    /** The file name without its last extension. */
    static String stem(String uri) {
        String name = fileName(uri);
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** The last path segment of a URI. */
    static String fileName(String uri) {
        return uri.substring(uri.lastIndexOf('/') + 1);
    }

    private static String relativePath(String rootUri, String uri) {
        String root = rootUri.endsWith("/") ? rootUri : rootUri + "/";
        return uri.startsWith(root) ? uri.substring(root.length()) : fileName(uri);
    }
}
