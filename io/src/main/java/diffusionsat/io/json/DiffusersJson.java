package diffusionsat.io.json;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The JSON mapper for files that diffusers and PyTorch tooling write: Python's {@code json}
 * module emits {@code NaN}, {@code Infinity} and {@code -Infinity} for non-finite floats (a
 * DPMSolverMultistepScheduler config holds {@code "lambda_min_clipped": -Infinity}), which
 * strict JSON refuses.
 */
public final class DiffusersJson {
    /** Reads Python-style non-finite numbers; writes standard JSON otherwise. */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private DiffusersJson() {
    }
}
