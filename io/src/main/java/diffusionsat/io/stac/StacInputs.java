package diffusionsat.io.stac;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import diffusionsat.io.StorageException;
import diffusionsat.io.catalog.ScanFailure;
import diffusionsat.io.storage.Storage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the STAC Items of a {@code catalog --input} (the driver's part of a STAC scan): an
 * ItemCollection ({@code .json} / {@code .geojson} FeatureCollection) or a single Item,
 * newline-delimited Items ({@code .ndjson}, {@code .jsonl}), a static catalog or collection
 * ({@code catalog.json} / {@code collection.json}, following its {@code child} and {@code item}
 * links, each document once) and stac-geoparquet ({@code .parquet}). A document or line that is
 * not what it should be becomes a {@link ScanFailure}; an unreachable store stops the scan.
 */
public final class StacInputs {
    private static final Logger log = LoggerFactory.getLogger(StacInputs.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Items found, and the documents or lines that could not be read as STAC. */
    public record Found(List<StacItemSource> items, List<ScanFailure> failures) {}

    private StacInputs() {}

    /** Whether {@code input} names a STAC file rather than a folder of rasters. */
    public static boolean isStac(String input) {
        String lower = input.toLowerCase(Locale.ROOT);
        return lower.endsWith(".json") || lower.endsWith(".geojson") || lower.endsWith(".ndjson")
                || lower.endsWith(".jsonl") || lower.endsWith(".parquet");
    }

    /** Every Item reachable from {@code inputUri}. */
    public static Found find(String inputUri, Storage storage) {
        List<StacItemSource> items = new ArrayList<>();
        List<ScanFailure> failures = new ArrayList<>();
        String lower = inputUri.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".parquet")) {
            items.addAll(StacGeoParquet.read(inputUri, storage));
        } else if (lower.endsWith(".ndjson") || lower.endsWith(".jsonl")) {
            readLines(inputUri, storage, items, failures);
        } else {
            readDocument(inputUri, storage, new HashSet<>(), items, failures);
        }
        log.info("STAC: {} items found from {}, {} documents or lines unusable", items.size(),
                inputUri, failures.size());
        return new Found(items, failures);
    }

    private static void readLines(String uri, Storage storage, List<StacItemSource> items,
            List<ScanFailure> failures) {
        String[] lines = new String(storage.readAllBytes(uri), StandardCharsets.UTF_8)
                .split("\r?\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            String label = uri + " line " + (i + 1);
            try {
                JsonNode node = JSON.readTree(lines[i]);
                requireItem(node);
                items.add(new StacItemSource(lines[i], uri, label));
            } catch (IOException | IllegalArgumentException e) {
                failures.add(new ScanFailure(label, null, "malformed STAC item: " + message(e)));
            }
        }
    }

    private static void readDocument(String uri, Storage storage, Set<String> visited,
            List<StacItemSource> items, List<ScanFailure> failures) {
        if (!visited.add(uri)) {
            return; // a catalogue may link a document twice (or in a cycle)
        }
        JsonNode node;
        try {
            node = JSON.readTree(storage.readAllBytes(uri));
        } catch (IOException e) {
            failures.add(new ScanFailure(uri, null, "not valid JSON: " + message(e)));
            return;
        } catch (StorageException e) {
            if (visited.size() == 1) {
                throw e; // the input itself: a store or path problem, not a data problem
            }
            failures.add(new ScanFailure(uri, null, "linked document unreadable: "
                    + e.getMessage()));
            return;
        }
        String type = node.path("type").asText("");
        switch (type) {
            case "FeatureCollection" -> {
                JsonNode features = node.path("features");
                for (int i = 0; i < features.size(); i++) {
                    addItem(features.get(i), uri, uri + " feature " + i, items, failures);
                }
            }
            case "Feature" -> addItem(node, uri, uri, items, failures);
            case "Catalog", "Collection" -> {
                for (JsonNode link : node.path("links")) {
                    String rel = link.path("rel").asText("");
                    String href = link.path("href").asText("");
                    if ((rel.equals("child") || rel.equals("item")) && !href.isEmpty()) {
                        readDocument(Hrefs.resolve(uri, href), storage, visited, items,
                                failures);
                    }
                }
            }
            default -> failures.add(new ScanFailure(uri, null,
                    "not a STAC Item, ItemCollection, Catalog or Collection (type \"" + type
                            + "\")"));
        }
    }

    private static void addItem(JsonNode node, String uri, String label,
            List<StacItemSource> items, List<ScanFailure> failures) {
        try {
            requireItem(node);
            items.add(new StacItemSource(node.toString(), uri, label));
        } catch (IllegalArgumentException e) {
            failures.add(new ScanFailure(label, node.path("id").asText(null),
                    "malformed STAC item: " + e.getMessage()));
        }
    }

    private static void requireItem(JsonNode node) {
        if (!node.isObject() || !"Feature".equals(node.path("type").asText())) {
            throw new IllegalArgumentException("not a GeoJSON Feature");
        }
        if (!node.path("id").isTextual() || !node.path("assets").isObject()) {
            throw new IllegalArgumentException("an Item needs an id and assets");
        }
    }

    private static String message(Exception e) {
        String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
