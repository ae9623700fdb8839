package diffusionsat.io.stac;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The STAC Collection of one run's outputs ({@code collection.json}): the extent and summaries
 * of its ok items, which {@code items.ndjson} (one Item per line) and {@code items.json} (the
 * same Items as a STAC ItemCollection, for GDAL's STACIT driver) list.
 *
 * @param bbox minLon, minLat, maxLon, maxLat over the items; null when none is georeferenced
 * @param start the earliest item datetime (null without items)
 * @param summaries small value sets, e.g. {@code proj:epsg} → the CRSs of the outputs
 */
public record RunCollection(String id, String description, long items, double[] bbox,
        Instant start, Instant end, Map<String, List<Object>> summaries) {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The whole globe, STAC's spatial extent for a collection without georeferenced items. */
    private static final double[] GLOBE = {-180, -90, 180, 90};

    public String toJson() {
        ObjectNode collection = JSON.createObjectNode();
        collection.put("type", "Collection");
        collection.put("stac_version", OutputItem.STAC_VERSION);
        collection.putArray("stac_extensions").add(OutputItem.PROJECTION);
        collection.put("id", id);
        collection.put("description", description);
        collection.put("license", "proprietary");
        ObjectNode extent = collection.putObject("extent");
        ArrayNode box = extent.putObject("spatial").putArray("bbox").addArray();
        for (double v : bbox == null ? GLOBE : bbox) {
            box.add(v);
        }
        ArrayNode interval = extent.putObject("temporal").putArray("interval").addArray();
        interval.add(start == null ? null : start.toString());
        interval.add(end == null ? null : end.toString());
        ObjectNode summaryNode = collection.putObject("summaries");
        summaries.forEach((key, values) -> summaryNode.set(key, JSON.valueToTree(values)));
        collection.put("diffusionsat:items", items);
        ArrayNode links = collection.putArray("links");
        links.addObject().put("rel", "self").put("href", "./collection.json")
                .put("type", "application/json");
        links.addObject().put("rel", "items").put("href", "./items.json")
                .put("type", "application/geo+json");
        links.addObject().put("rel", "alternate").put("href", "./items.ndjson")
                .put("type", "application/x-ndjson").put("title", "the items, one per line");
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(collection);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain values always serialises", e);
        }
    }
}
