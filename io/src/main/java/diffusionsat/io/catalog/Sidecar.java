package diffusionsat.io.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import diffusionsat.io.TileException;
import java.io.IOException;
import java.time.Instant;

/**
 * The fields the catalogue takes from an fMoW-style JSON sidecar ({@code timestamp}, {@code
 * cloud_cover} in percent, {@code gsd} in metres, and an optional {@code caption}); each null
 * when absent.
 */
record Sidecar(Instant timestamp, Double cloudCover, Double gsd, String caption) {
    /** No sidecar: every field unknown. */
    static final Sidecar NONE = new Sidecar(null, null, null, null);

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Parses a sidecar; malformed JSON or an unreadable timestamp is the tile's problem. */
    static Sidecar parse(String tileId, String uri, byte[] json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new TileException(tileId, "sidecar " + uri + " is not valid JSON: "
                    + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new TileException(tileId, "sidecar " + uri + " is not a JSON object");
        }
        Instant timestamp = null;
        String text = textOrNull(root.get("timestamp"));
        if (text != null) {
            timestamp = AcquisitionTimes.parse(text).orElseThrow(() -> new TileException(tileId,
                    "sidecar " + uri + ": unreadable timestamp " + text));
        }
        return new Sidecar(timestamp, numberOrNull(root.get("cloud_cover")),
                numberOrNull(root.get("gsd")), textOrNull(root.get("caption")));
    }

    private static String textOrNull(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    private static Double numberOrNull(JsonNode node) {
        return node != null && node.isNumber() ? node.doubleValue() : null;
    }
}
