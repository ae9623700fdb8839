package diffusionsat.io.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class DiffusersJsonTest {
    @Test
    void readsTheNonFiniteNumbersPythonWrites() throws Exception {
        JsonNode config = DiffusersJson.MAPPER.readTree(
                "{\"lambda_min_clipped\": -Infinity, \"upper\": Infinity, \"unset\": NaN}");

        assertEquals(Double.NEGATIVE_INFINITY, config.get("lambda_min_clipped").asDouble());
        assertEquals(Double.POSITIVE_INFINITY, config.get("upper").asDouble());
        assertTrue(Double.isNaN(config.get("unset").asDouble()));
    }
}
