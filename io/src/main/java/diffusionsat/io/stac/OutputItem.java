package diffusionsat.io.stac;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The STAC Item (1.0.0, projection and file extensions) that records one published output of a
 * run: where it lies, its assets, and under {@code diffusionsat:*} properties the job's result
 * row, its metrics and its provenance. Written beside the output after it, it is the output's
 * commit point (DESIGN.md §3, STYLE.md §3.14).
 *
 * @param collection the run's collection id ({@link #collectionId})
 * @param datetime the acquisition (or requested) time the output depicts; null when unknown,
 *     then {@code processed} stands in, as STAC requires a datetime
 * @param georeference null for an output without a CRS (its Item has a null geometry)
 * @param result the result row's fields by column name (not its metrics)
 * @param metrics the row's metric fields, nulls left out
 * @param provenance what made the output: model, checkpoint and its digest, sampler, seed, ...
 */
public record OutputItem(String id, String collection, Instant datetime, Instant processed,
        OutputGeoreference georeference, List<ItemAsset> assets, Map<String, Object> result,
        Map<String, Object> metrics, Map<String, Object> provenance) {
    public static final String STAC_VERSION = "1.0.0";
    public static final String PROJECTION =
            "https://stac-extensions.github.io/projection/v1.1.0/schema.json";
    public static final String FILE = "https://stac-extensions.github.io/file/v2.1.0/schema.json";
    /** The properties holding the job's own fields; their names are the result columns'. */
    public static final String RESULT = "diffusionsat:result";
    public static final String METRICS = "diffusionsat:metrics";
    public static final String PROVENANCE = "diffusionsat:provenance";

    /** The collection link of a record, {@code tiles/<id>.json}: the run folder's collection. */
    public static final String COLLECTION_FROM_RECORD = "../collection.json";
    /** The collection link of an item in the run folder's items.ndjson and items.json. */
    public static final String COLLECTION_FROM_RUN = "./collection.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The collection id of a run's items: {@code diffusionsat-<job>-<run id>}. */
    public static String collectionId(String job, String runId) {
        return "diffusionsat-" + job + "-" + runId;
    }

    /** The Item as one line of JSON (as items.ndjson holds it). */
    public String toJson() {
        ObjectNode item = JSON.createObjectNode();
        item.put("type", "Feature");
        item.put("stac_version", STAC_VERSION);
        item.putArray("stac_extensions").add(PROJECTION).add(FILE);
        item.put("id", id);
        item.put("collection", collection);
        ObjectNode properties = JSON.createObjectNode();
        properties.put("datetime", (datetime == null ? processed : datetime).toString());
        properties.put("created", processed.toString());
        if (georeference == null) {
            item.putNull("geometry");
        } else {
            item.set("geometry", polygon(georeference.ring()));
            item.set("bbox", numbers(georeference.bbox()));
            projection(properties, georeference);
        }
        properties.set(RESULT, JSON.valueToTree(plain(result)));
        properties.set(METRICS, JSON.valueToTree(plain(metrics)));
        properties.set(PROVENANCE, JSON.valueToTree(plain(provenance)));
        item.set("properties", properties);
        ObjectNode assetNodes = item.putObject("assets");
        for (ItemAsset asset : assets) {
            ObjectNode node = assetNodes.putObject(asset.key());
            node.put("href", asset.href());
            node.put("type", asset.type());
            ArrayNode roles = node.putArray("roles");
            asset.roles().forEach(roles::add);
            node.put("file:size", asset.size());
        }
        item.putArray("links").addObject().put("rel", "collection")
                .put("href", COLLECTION_FROM_RECORD).put("type", "application/json");
        return text(item);
    }

    /**
     * A record's JSON with its collection link made {@code href}: a copy of the Item that lies
     * elsewhere than its record, its relative links resolving from there. The asset hrefs are
     * absolute and stay.
     */
    public static String withCollectionHref(String itemJson, String href) {
        try {
            JsonNode item = JSON.readTree(itemJson);
            for (JsonNode link : item.path("links")) {
                if ("collection".equals(link.path("rel").asText())) {
                    ((ObjectNode) link).put("href", href);
                }
            }
            return text(item);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not the JSON of an Item: " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode item) {
        try {
            return JSON.writeValueAsString(item);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain values always serialises", e);
        }
    }

    private static void projection(ObjectNode properties, OutputGeoreference geo) {
        if (geo.epsg() != null) {
            properties.put("proj:epsg", geo.epsg());
            properties.put("proj:code", "EPSG:" + geo.epsg());
        } else {
            properties.put("proj:wkt2", geo.wkt2());
        }
        properties.putArray("proj:shape").add(geo.height()).add(geo.width());
        properties.set("proj:transform", numbers(geo.transform()));
        properties.set("proj:bbox", numbers(geo.projBbox()));
    }

    private static ObjectNode polygon(double[][] ring) {
        ObjectNode geometry = JSON.createObjectNode();
        geometry.put("type", "Polygon");
        ArrayNode points = geometry.putArray("coordinates").addArray();
        for (double[] point : ring) {
            points.addArray().add(point[0]).add(point[1]);
        }
        return geometry;
    }

    private static ArrayNode numbers(double[] values) {
        ArrayNode out = JSON.createArrayNode();
        for (double v : values) {
            out.add(v);
        }
        return out;
    }

    /** Times as ISO-8601 text (Spark reads them back as timestamps); collections element-wise. */
    private static Object plain(Object value) {
        if (value instanceof Timestamp t) {
            return t.toInstant().toString();
        }
        if (value instanceof Instant t) {
            return t.toString();
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(k, plain(v)));
            return out;
        }
        if (value instanceof Collection<?> list) {
            return list.stream().map(OutputItem::plain).toList();
        }
        return value;
    }
}
