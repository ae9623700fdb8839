package diffusionsat.job.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import diffusionsat.io.ConfigException;
import diffusionsat.io.raster.Radiometry;
import diffusionsat.io.catalog.CollectionProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code catalog.collections}: a YAML file of per-collection facts for rasters and STAC Items
 * that do not state them, e.g.
 *
 * <pre>
 * my-b2-b3-b4-b8-stacks:
 *   bands: [B02, B03, B04, B08]      # band order of files without band names
 *   radiometry: digital-numbers      # as io.radiometry
 * </pre>
 */
public final class CollectionProfiles {
    private static final String KEY = "catalog.collections";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private CollectionProfiles() {}

    /** The profiles of the configured file; none when the key is empty. */
    public static Map<String, CollectionProfile> from(Settings settings) {
        var file = settings.optional(KEY);
        if (file.isEmpty()) {
            return Map.of();
        }
        Path path = Path.of(file.get());
        if (!Files.isReadable(path)) {
            throw new ConfigException(KEY, file.get(), "is not a readable file");
        }
        JsonNode root;
        try {
            root = YAML.readTree(path.toFile());
        } catch (IOException e) {
            throw new ConfigException(KEY, file.get(), "is not valid YAML: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new ConfigException(KEY, file.get(), "must map collection ids to settings");
        }
        Map<String, CollectionProfile> profiles = new TreeMap<>();
        root.fields().forEachRemaining(e -> profiles.put(e.getKey(),
                profile(file.get(), e.getKey(), e.getValue())));
        return Map.copyOf(profiles);
    }

    private static CollectionProfile profile(String file, String collection, JsonNode node) {
        String where = file + ": " + collection;
        List<String> bands = new ArrayList<>();
        node.path("bands").forEach(band -> bands.add(band.asText().trim()));
        if (node.has("bands") && (bands.isEmpty() || bands.stream().anyMatch(String::isEmpty))) {
            throw new ConfigException(KEY, where, "bands must be a list of band names");
        }
        Radiometry radiometry = null;
        if (node.hasNonNull("radiometry")) {
            try {
                radiometry = Radiometry.fromKey(node.get("radiometry").asText());
            } catch (IllegalArgumentException e) {
                throw new ConfigException(KEY, where, e.getMessage());
            }
        }
        return new CollectionProfile(bands, radiometry);
    }
}
