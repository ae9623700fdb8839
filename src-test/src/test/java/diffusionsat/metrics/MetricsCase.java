package diffusionsat.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import diffusionsat.testing.Npy;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * A reference case folder read as a metrics case: the scalar {@code values} of its case.json and
 * its {@code inputs}/{@code outputs} arrays (MANIFEST.md case i layout).
 */
record MetricsCase(Path folder, JsonNode json) {
    /** Value keys that mark a case as a metrics case (those of MANIFEST.md case i). */
    static final Set<String> METRIC_KEYS = Set.of("mse", "psnr", "ssim_default", "ssim_gaussian",
            "ssim_default_f64", "ssim_gaussian_f64", "ssim_default_gray_channel0",
            "frechet_distance", "inception_score_mean", "inception_score_std");

    static MetricsCase read(Path folder) throws IOException {
        JsonNode json = new ObjectMapper().readTree(folder.resolve("case.json").toFile());
        return new MetricsCase(folder, json);
    }

    /** True when case.json carries at least one metric value. */
    boolean isMetrics() {
        return valueKeys().stream().anyMatch(METRIC_KEYS::contains);
    }

    List<String> valueKeys() {
        List<String> keys = new ArrayList<>();
        json.path("values").fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    double value(String key) {
        return json.path("values").path(key).asDouble();
    }

    /** An input or output array by its name in case.json. */
    Npy array(String name) throws IOException {
        JsonNode entry = json.path("inputs").has(name)
                ? json.path("inputs").path(name)
                : json.path("outputs").path(name);
        if (entry.isMissingNode()) {
            throw new IOException(folder + "/case.json lists no array " + name);
        }
        return Npy.read(folder.resolve(entry.path("file").asText()));
    }

    /** FID moments of the first {@code rows} vectors of a (rows, D) float32 feature array. */
    FeatureMoments moments(String name, int rows) throws IOException {
        Npy npy = array(name);
        int dim = (int) npy.shape()[1];
        float[] all = npy.floats();
        FeatureMoments moments = new FeatureMoments(dim);
        for (int r = 0; r < rows; r++) {
            moments.add(Arrays.copyOfRange(all, r * dim, (r + 1) * dim));
        }
        return moments;
    }

    /** FID moments of all vectors of a (rows, D) float32 feature array. */
    FeatureMoments moments(String name) throws IOException {
        return moments(name, (int) array(name).shape()[0]);
    }

    /** An (H, W, C) input array as an image. */
    HwcImage image(String name) throws IOException {
        Npy npy = array(name);
        long[] s = npy.shape();
        return new HwcImage((int) s[0], (int) s[1], (int) s[2], npy.floats());
    }
}
