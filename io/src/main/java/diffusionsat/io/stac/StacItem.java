package diffusionsat.io.stac;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import diffusionsat.io.catalog.CollectionProfile;
import diffusionsat.io.raster.BandNames;
import diffusionsat.io.raster.Radiometry;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The parts of a STAC Item the catalogue uses: id, collection, datetime, {@code eo:cloud_cover},
 * {@code proj:epsg} (or {@code proj:code}), the GeoJSON geometry, and its Sentinel-2 bands by
 * identity ({@link BandNames#sentinel2Band}: the asset's {@code eo:bands} name or common name,
 * else its key), each with its radiometric rule ({@link BandScaling}). An Item that cannot be
 * read this way is a {@link MalformedItemException}.
 */
public record StacItem(String id, String collection, Instant datetime, Double cloudCover,
        Integer epsg, String geometryJson, List<BandAsset> bands) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._-]+");

    /**
     * Parses {@code source}; {@code profiles} and {@code defaultRadiometry} give the rule for
     * bands whose item says none.
     */
    public static StacItem parse(StacItemSource source, Map<String, CollectionProfile> profiles,
            Radiometry defaultRadiometry) {
        JsonNode item;
        try {
            item = JSON.readTree(source.json());
        } catch (IOException e) {
            throw new MalformedItemException(source, null, "not valid JSON: " + e.getMessage());
        }
        String id = item.path("id").asText(null);
        if (id == null || !SAFE_ID.matcher(id).matches()) {
            throw new MalformedItemException(source, id,
                    "the id must match [A-Za-z0-9._-]+ (it names output files)");
        }
        JsonNode properties = item.path("properties");
        if (!properties.isObject()) {
            throw new MalformedItemException(source, id, "no properties object");
        }
        String collection = item.path("collection").isTextual()
                ? item.path("collection").asText() : null;
        CollectionProfile profile = collection == null ? null : profiles.get(collection);
        JsonNode geometry = item.path("geometry");
        return new StacItem(id, collection, datetime(source, id, properties),
                number(properties.path("eo:cloud_cover")), epsg(properties),
                geometry.isObject() ? geometry.toString() : null,
                bands(source, id, item, properties, profile, defaultRadiometry));
    }

    /** The band named {@code band}, or null. */
    public BandAsset band(String band) {
        return bands.stream().filter(b -> b.band().equals(band)).findFirst().orElse(null);
    }

    private static Instant datetime(StacItemSource source, String id, JsonNode properties) {
        JsonNode value = properties.path("datetime");
        if (!value.isTextual()) {
            value = properties.path("start_datetime");
        }
        if (!value.isTextual()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.asText()).toInstant();
        } catch (DateTimeParseException e) {
            throw new MalformedItemException(source, id, "datetime \"" + value.asText()
                    + "\" is not an RFC 3339 date-time");
        }
    }

    private static Integer epsg(JsonNode properties) {
        JsonNode epsg = properties.path("proj:epsg");
        if (epsg.canConvertToInt()) {
            return epsg.asInt();
        }
        String code = properties.path("proj:code").asText("");
        return code.toUpperCase(Locale.ROOT).startsWith("EPSG:")
                ? Integer.valueOf(code.substring(5)) : null;
    }

    private static Double number(JsonNode node) {
        return node.isNumber() ? node.asDouble() : null;
    }

    private static List<BandAsset> bands(StacItemSource source, String id, JsonNode item,
            JsonNode properties, CollectionProfile profile, Radiometry defaultRadiometry) {
        Map<String, BandAsset> byBand = new LinkedHashMap<>();
        Map<String, Boolean> isTiff = new LinkedHashMap<>();
        item.path("assets").fields().forEachRemaining(entry -> {
            JsonNode asset = entry.getValue();
            String band = identity(entry.getKey(), asset);
            if (band == null || !asset.path("href").isTextual()) {
                return;
            }
            boolean tiff = asset.path("type").asText("").toLowerCase(Locale.ROOT)
                    .contains("tiff");
            // Earth Search lists each band twice (COG and JPEG 2000): the GeoTIFF wins.
            if (byBand.containsKey(band) && (isTiff.get(band) || !tiff)) {
                return;
            }
            JsonNode raster = firstBand(asset, "raster:bands");
            byBand.put(band, new BandAsset(band, entry.getKey(),
                    Hrefs.resolve(source.documentUri(), asset.path("href").asText()),
                    scaling(raster, properties, profile, defaultRadiometry),
                    number(raster.path("nodata"))));
            isTiff.put(band, tiff);
        });
        return new ArrayList<>(byBand.values());
    }

    /** The band an asset holds: its one eo:bands entry's name or common name, else its key. */
    private static String identity(String key, JsonNode asset) {
        JsonNode eo = asset.has("eo:bands") ? asset.path("eo:bands") : asset.path("bands");
        if (eo.isArray() && eo.size() > 1) {
            return null; // a multi-band asset (e.g. the visual RGB): not one model band
        }
        JsonNode band = eo.isArray() && eo.size() == 1 ? eo.get(0) : null;
        if (band != null) {
            for (String field : List.of("name", "common_name", "eo:common_name")) {
                String found = BandNames.sentinel2Band(band.path(field).asText(null))
                        .orElse(null);
                if (found != null) {
                    return found;
                }
            }
        }
        return BandNames.sentinel2Band(key).orElse(null);
    }

    private static JsonNode firstBand(JsonNode asset, String field) {
        JsonNode bands = asset.path(field);
        if (!bands.isArray()) {
            bands = asset.path("bands"); // STAC 1.1 merges raster:bands into bands
        }
        return bands.isArray() && bands.size() > 0 ? bands.get(0) : asset.path("");
    }

    private static BandScaling scaling(JsonNode raster, JsonNode properties,
            CollectionProfile profile, Radiometry defaultRadiometry) {
        JsonNode scale = raster.has("scale") ? raster.path("scale") : raster.path("raster:scale");
        JsonNode offset = raster.has("offset") ? raster.path("offset")
                : raster.path("raster:offset");
        if (scale.isNumber() || offset.isNumber()) {
            return new BandScaling(scale.isNumber() ? scale.asDouble() : 1.0,
                    offset.isNumber() ? offset.asDouble() : 0.0, "raster:bands");
        }
        String baseline = properties.path("s2:processing_baseline").asText("");
        if (!baseline.isEmpty()) {
            try {
                // Baseline 04.00 (January 2022) added an offset of -1000 DN to L1C and L2A.
                double version = Double.parseDouble(baseline);
                return new BandScaling(1e-4, version >= 4.0 ? -0.1 : 0.0,
                        "s2:processing_baseline " + baseline);
            } catch (NumberFormatException notANumber) {
                // fall through to the configuration
            }
        }
        if (profile != null && profile.radiometry() != null) {
            return BandScaling.of(profile.radiometry(), "catalog.collections");
        }
        return BandScaling.of(defaultRadiometry, "io.radiometry");
    }
}
